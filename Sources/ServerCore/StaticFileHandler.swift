// Static files under DocumentRoot, as Apache's core handler and mod_dir serve them.
//
// The request path arrives already decoded and normalised by HTTP's URIPath (no `..`, no
// `%2F`, no NUL), so it cannot name anything above the document root by itself. A symbolic
// link still could, so files are opened relative to the document root's directory with
// openat2's RESOLVE_BENEATH, which refuses any path that leaves it, links included (403).
// Directories need a trailing slash (301 to add it, as mod_dir does) and are answered with the
// first DirectoryIndex file that exists; without one, 403, since directory listings are off.
// Validators (ETag from size and modification time, as Apache's default FileETag MTime Size;
// Last-Modified) make conditional requests cheap: 304 with no body. One byte range is served
// as 206, several as one multipart/byteranges body. Small files come from the process's
// FileCache after one fstatat; larger ones are sent with sendfile.
import Config
import HTTP
import Posix

/// The document root's directory, opened once: every file is looked up relative to it.
final class DocumentRoot: Sendable {
    let path: String
    let fd: FileDescriptor

    init?(_ path: String) {
        guard let fd = try? FileDescriptor.openDirectory(path) else { return nil }
        self.path = path
        self.fd = fd
    }

    deinit { fd.close() }
}

struct StaticFileHandler: RequestHandler {
    let documentRoot: String
    let root: DocumentRoot?
    let directoryIndex: [String]
    let mime: MIMETypes
    let cache = FileCache()

    init(config: ServerConfig) {
        documentRoot = config.documentRoot
        root = DocumentRoot(config.documentRoot)
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
        guard let root else {
            context.server.errorLog.log(.error, "core", "AH00128", "DocumentRoot \(documentRoot) does not exist")
            return ErrorPage.reply(404)
        }
        // Relative to the document root: "" is the root itself.
        var path = String(context.path.drop { $0 == "/" })
        guard var status = (try? FileSystem.status(path.isEmpty ? "." : path, in: root.fd)) ?? nil else {
            context.server.errorLog.log(.info, "core", "AH00128", "File does not exist: \(root.path)/\(path)")
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
            guard let (index, s) = directoryIndex.lazy.compactMap({ name -> (String, FileStatus)? in
                guard let s = (try? FileSystem.status(path + name, in: root.fd)) ?? nil, s.kind == .regular else { return nil }
                return (path + name, s)
            }).first else {
                context.server.errorLog.log(.error, "autoindex", "AH01276",
                                            "Cannot serve directory \(root.path)/\(path): No matching DirectoryIndex (\(directoryIndex.joined(separator: ","))) found, and server-generated directory index forbidden by Options directive")
                return ErrorPage.reply(403)
            }
            path = index
            status = s
        }
        guard status.kind == .regular else { return ErrorPage.reply(403) }
        if let entry = cache.lookup(path, status) {
            return serve(entry, context: context)
        }
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(path, beneath: root.fd)
        } catch {
            if error.leftDirectory {
                context.server.errorLog.log(.error, "core", "AH00037", "Symbolic link not allowed or link target not accessible: \(root.path)/\(path)")
                return ErrorPage.reply(403)
            }
            if error.notFound { return ErrorPage.reply(404) }
            context.server.errorLog.log(.error, "core", "AH00132", "file permissions deny server access: \(root.path)/\(path)")
            return ErrorPage.reply(403)
        }
        // The descriptor's own status: what was opened, whatever happened to the path since.
        guard let opened = try? fd.status(), opened.kind == .regular else {
            fd.close()
            return ErrorPage.reply(403)
        }
        let entry = describe(path, opened)
        if opened.size <= Int64(Limits.cachedFileMaxBytes), let content = try? fd.readAll(upTo: Int(opened.size)),
           content.count == Int(opened.size) {
            fd.close()
            let cached = FileCache.Entry(device: opened.device, inode: opened.inode, size: opened.size,
                                         modificationTimeUs: opened.modificationTimeUs, content: content,
                                         headers: entry.headers, etag: entry.etag, modificationTime: opened.modificationTime)
            cache.insert(path, cached)
            return serve(cached, context: context)
        }
        return serve(entry, file: fd, context: context)
    }

    /// What a response says about a file, whatever its body.
    func describe(_ path: String, _ status: FileStatus) -> (headers: HTTPHeaders, etag: ETag) {
        let etag = ETag.forFile(size: status.size, modifiedMicroseconds: status.modificationTimeUs)
        var headers = HTTPHeaders()
        headers.set("Last-Modified", HTTPDate.format(unixSeconds: status.modificationTime))
        headers.set("ETag", etag.description)
        headers.set("Accept-Ranges", "bytes")
        let name = path.split(separator: "/").last ?? ""
        let ext = name.lastIndex(of: ".").map { String(name[name.index(after: $0)...]) } ?? ""
        headers.set("Content-Type", mime.mimeType(forExtension: ext) ?? "text/plain")
        return (headers, etag)
    }

    func serve(_ entry: FileCache.Entry, context: RequestContext) -> Reply {
        respond(headers: entry.headers, etag: entry.etag, size: entry.size, modificationTime: entry.modificationTime,
                context: context, content: { entry.content }) { first, length in
            first == 0 && length == entry.size ? .bytes(entry.content)
                : .bytes(Array(entry.content[Int(first)..<Int(first + length)]))
        }
    }

    func serve(_ description: (headers: HTTPHeaders, etag: ETag), file fd: FileDescriptor, context: RequestContext) -> Reply {
        guard let status = try? fd.status() else { fd.close(); return ErrorPage.reply(403) }
        var bodySent = false
        let reply = respond(headers: description.headers, etag: description.etag, size: status.size,
                            modificationTime: status.modificationTime, context: context,
                            content: { try? fd.readAll(upTo: Int(status.size)) }) { first, length in
            bodySent = true
            return .file(fd, offset: first, length: length)
        }
        if !bodySent { fd.close() }
        return reply
    }

    /// Conditional requests and ranges, then the reply with `body(first, length)`; `content`
    /// reads the whole file, for a multipart body.
    func respond(headers: HTTPHeaders, etag: ETag, size: Int64, modificationTime: Int64, context: RequestContext,
                 content: () -> [UInt8]?, body: (Int64, Int64) -> Reply.Body) -> Reply {
        let request = context.request
        switch Preconditions.evaluate(method: request.method, headers: request.headers,
                                      etag: etag, lastModified: modificationTime) {
        case .notModified:
            var notModified = headers
            notModified.remove("Content-Type")
            return Reply(status: 304, headers: notModified)
        case .preconditionFailed:
            return ErrorPage.reply(412)
        case .proceed:
            break
        }
        var headers = headers
        var first: Int64 = 0
        var length = size
        var code = 200
        // Apache's byterange filter serves ranges whatever the method that reached the file.
        if request.headers.contains("Range"),
           Preconditions.rangeApplies(ifRange: request.headers["If-Range"], etag: etag, lastModified: modificationTime) {
            switch ByteRange.evaluate(request.headers["Range"], length: size) {
            case .full: break
            case .partial(let f, let l):
                code = 206
                first = f
                length = l - f + 1
                headers.set("Content-Range", ByteRange.contentRange(first: f, last: l, length: size))
            case .multipart(let ranges):
                if let reply = multipart(ranges, size: size, headers: headers, content: content) { return reply }
            case .unsatisfiable:
                return ErrorPage.reply(416)
            }
        }
        return Reply(status: code, headers: headers, body: body(first, length))
    }

    /// Several ranges: a `multipart/byteranges` body, built in memory from the whole file.
    /// Past `multipartFileLimit` the whole file is sent with 200 instead (RFC 9110 lets a
    /// server ignore Range; Apache would build the parts from its file buckets).
    func multipart(_ ranges: [ClosedRange<Int64>], size: Int64, headers: HTTPHeaders, content: () -> [UInt8]?) -> Reply? {
        guard size <= Self.multipartFileLimit, let bytes = content(), bytes.count == size else { return nil }
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
