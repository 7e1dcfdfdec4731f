// mpmd: the MPMLab HTTP server. Everything happens in ServerCore's Launcher; the MPMs are
// plugged in here because ServerCore does not import them (they import it).
import Posix
import ServerCore

Process.exit(MpmdMain.run())
