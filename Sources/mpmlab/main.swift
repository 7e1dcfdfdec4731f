print("mpmlab: not yet")
