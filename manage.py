#!/usr/bin/env python
from uniondesk.cli import main

if __name__ == "__main__":
    main()
