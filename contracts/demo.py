def fill(ctx) -> None:
    return None
