REGISTERS: list = []
