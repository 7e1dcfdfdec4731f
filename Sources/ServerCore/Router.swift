// Which handler answers a request: the `<Location>` sections of the configuration decide
// (`SetHandler server-status`, `SetHandler lab`), then `Require` says who may ask; everything
// else is a static file under DocumentRoot.
import Config
import HTTP
import Posix

public struct Router: Sendable {
    let config: ServerConfig
    let staticFiles: StaticFileHandler
    let status = StatusHandler()
    let lab = LabHandler()

    init(config: ServerConfig) {
        self.config = config
        self.staticFiles = StaticFileHandler(config: config)
    }

    func handle(_ context: RequestContext) -> Reply {
        let location = config.location(for: context.path)
        // Addresses are parsed only where a Require asks for them (most paths have none).
        if !location.requirements.isEmpty,
           !location.allows(client: IPAddress(context.peer.host) ?? IPAddress("0.0.0.0")!, server: IPAddress(context.local.host)) {
            context.server.errorLog.log(.error, "authz_core", "AH01630",
                                        "client denied by server configuration: \(context.path)")
            return ErrorPage.reply(403)
        }
        switch location.handler {
        case .serverStatus: return status.handle(context)
        case .lab: return lab.handle(context)
        case .none: return staticFiles.handle(context)
        }
    }
}
