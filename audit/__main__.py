"""``python -m audit`` behaves as the ``mtaudit`` command."""
from .cli import main

if __name__ == "__main__":
    main()
