// Static files under DocumentRoot, as Apache's core handler and mod_dir serve them.
//
// The request path arrives already decoded and normalised by HTTP's URIPath (no `..`, no
// `%2F`, no NUL), so it cannot name anything above the document root by itself. A symbolic
// link still could, so the resolved path of every file is checked to lie inside the resolved
// document root (403 otherwise). Directories need a trailing slash (301 to add it, as
// mod_dir does) and are answered with the first DirectoryIndex file that exists; without one,
// 403, since directory listings are off. Validators (ETag from size and modification time,
// as Apache's default FileETag MTime Size; Last-Modified) make conditional requests cheap:
// 304 with no body. One byte range is served as 206, with sendfile; several as one
// multipart/byteranges body.
import Config
import HTTP
import Posix

struct StaticFileHandler: RequestHandler {
    let documentRoot: String
    let realDocumentRoot: String?
    let directoryIndex: [String]
    let mime: MIMETypes

    init(config: ServerConfig) {
        documentRoot = config.documentRoot
        realDocumentRoot = FileSystem.realPath(config.documentRoot)
        directoryIndex = config.directoryIndex
        mime = config.mimeTypes
    }

    static let allowed = "GET,POST,OPTIONS,HEAD"

    func handle(_ context: RequestContext) -> Reply {
        let request = context.request
        switch request.method {
        // Apache's default handler serves a file for POST as for GET (the body is discarded).
        case "GET", "HEAD", "POST": break
        case "OPTIONS":
            var reply = Reply(status: 200)
            reply.headers.set("Allow", Self.allowed)
            reply.headers.set("Content-Length", "0")
            return reply
        default:
            var reply = ErrorPage.reply(405)
            reply.headers.set("Allow", Self.allowed)
            return reply
        }
        guard let root = realDocumentRoot else {
            context.server.errorLog.log(.error, "core", "AH00128", "DocumentRoot \(documentRoot) does not exist")
            return ErrorPage.reply(404)
        }
        var path = root + context.path
        guard var status = (try? FileSystem.status(path)) ?? nil else {
            context.server.errorLog.log(.info, "core", "AH00128", "File does not exist: \(path)")
            return ErrorPage.reply(404)
        }
        if status.kind == .directory {
            guard context.path.hasSuffix("/") else {
                var reply = ErrorPage.reply(301, detail: "The document has moved.")
                var location = context.path + "/"
                if let query = request.query { location += "?" + query }
                reply.headers.set("Location", location)
                return reply
            }
            guard let index = directoryIndex.lazy.map({ path + $0 }).first(where: {
                ((try? FileSystem.status($0)) ?? nil)?.kind == .regular
            }) else {
                context.server.errorLog.log(.error, "autoindex", "AH01276",
                                            "Cannot serve directory \(path): No matching DirectoryIndex (\(directoryIndex.joined(separator: ","))) found, and server-generated directory index forbidden by Options directive")
                return ErrorPage.reply(403)
            }
            path = index
            guard let s = (try? FileSystem.status(path)) ?? nil else { return ErrorPage.reply(404) }
            status = s
        }
        guard status.kind == .regular else { return ErrorPage.reply(403) }
        guard let real = FileSystem.realPath(path), real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            context.server.errorLog.log(.error, "core", "AH00037", "Symbolic link not allowed or link target not accessible: \(path)")
            return ErrorPage.reply(403)
        }
        return serve(file: real, status: status, context: context)
    }

    func serve(file path: String, status: FileStatus, context: RequestContext) -> Reply {
        let request = context.request
        let etag = ETag.forFile(size: status.size, modifiedMicroseconds: status.modificationTimeUs)
        var headers = HTTPHeaders()
        headers.set("Last-Modified", HTTPDate.format(unixSeconds: status.modificationTime))
        headers.set("ETag", etag.description)
        headers.set("Accept-Ranges", "bytes")
        switch Preconditions.evaluate(method: request.method, headers: request.headers,
                                      etag: etag, lastModified: status.modificationTime) {
        case .notModified:
            return Reply(status: 304, headers: headers)
        case .preconditionFailed:
            return ErrorPage.reply(412)
        case .proceed:
            break
        }
        let extensionName = path.split(separator: "/").last.flatMap { name in
            name.lastIndex(of: ".").map { String(name[name.index(after: $0)...]) }
        } ?? ""
        headers.set("Content-Type", mime.mimeType(forExtension: extensionName) ?? "text/plain")
        var first: Int64 = 0
        var length = status.size
        var code = 200
        // Apache's byterange filter serves ranges whatever the method that reached the file.
        if Preconditions.rangeApplies(ifRange: request.headers["If-Range"], etag: etag, lastModified: status.modificationTime) {
            switch ByteRange.evaluate(request.headers["Range"], length: status.size) {
            case .full: break
            case .partial(let f, let l):
                code = 206
                first = f
                length = l - f + 1
                headers.set("Content-Range", ByteRange.contentRange(first: f, last: l, length: status.size))
            case .multipart(let ranges):
                if let reply = multipart(ranges, file: path, size: status.size, headers: headers) { return reply }
            case .unsatisfiable:
                return ErrorPage.reply(416)
            }
        }
        guard let fd = try? FileDescriptor.open(path) else {
            context.server.errorLog.log(.error, "core", "AH00132", "file permissions deny server access: \(path)")
            return ErrorPage.reply(403)
        }
        return Reply(status: code, headers: headers, body: .file(fd, offset: first, length: length))
    }

    /// Several ranges: a `multipart/byteranges` body, built in memory from the file read
    /// whole. Past `multipartFileLimit` the whole file is sent with 200 instead (RFC 9110
    /// lets a server ignore Range; Apache would build the parts from its file buckets).
    func multipart(_ ranges: [ClosedRange<Int64>], file path: String, size: Int64, headers: HTTPHeaders) -> Reply? {
        guard size <= Self.multipartFileLimit, let bytes = try? FileSystem.readBytes(path), bytes.count == size else { return nil }
        let parts = MultipartByteRanges(boundary: Self.boundary, contentType: headers["Content-Type"],
                                        ranges: ranges, length: size)
        guard let body = parts.body(read: { Array(bytes[Int($0.lowerBound)...Int($0.upperBound)]) }) else { return nil }
        var headers = headers
        headers.set("Content-Type", parts.contentTypeField)
        return Reply(status: 206, headers: headers, body: .bytes(body))
    }

    static let multipartFileLimit: Int64 = 16 << 20

    /// One boundary per process, drawn at first use, 16 hex digits as Apache's.
    static let boundary: String = {
        let digits = String(UInt64.random(in: 1...UInt64.max), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }()
}
