print("mpmd: not yet")
