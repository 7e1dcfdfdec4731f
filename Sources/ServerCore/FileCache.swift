// Small static files kept in memory, per process, so that serving one costs a single fstatat
// (is it still the same file?) and the response leaves in one writev, head and body together.
//
// Safe because every hit is checked against the file on disk: the device, inode, size and
// modification time (to the nanosecond's microsecond) must all match what was read, or the
// file is opened and read again. A path that now leads elsewhere — a file replaced, a
// symbolic link pointing out of the document root — names another inode, so it misses, and
// the miss goes through the checked open (`FileDescriptor.open(_:beneath:)`). Each child fills
// its own cache: fork gave it the master's, empty.
import HTTP
import Posix
import Synchronization

final class FileCache: Sendable {
    struct Entry: Sendable {
        let device: UInt64, inode: UInt64, size: Int64, modificationTimeUs: Int64
        let content: [UInt8]
        /// Last-Modified, ETag, Accept-Ranges and Content-Type, computed once.
        let headers: HTTPHeaders
        let etag: ETag
        let modificationTime: Int64

        func matches(_ s: FileStatus) -> Bool {
            s.inode == inode && s.device == device && s.size == size && s.modificationTimeUs == modificationTimeUs
        }
    }

    private struct Store {
        var entries: [String: Entry] = [:]
        var bytes = 0
    }
    private let store = Mutex(Store())

    /// The cached file at `path` if it is still the file `status` describes.
    func lookup(_ path: String, _ status: FileStatus) -> Entry? {
        guard let entry = store.withLock({ $0.entries[path] }), entry.matches(status) else { return nil }
        return entry
    }

    /// Keeps `entry` if it is small enough; the cache starts afresh when it is full.
    func insert(_ path: String, _ entry: Entry) {
        guard entry.content.count <= Limits.cachedFileMaxBytes else { return }
        store.withLock { store in
            if store.bytes + entry.content.count > Limits.fileCacheBytes {
                store.entries.removeAll()
                store.bytes = 0
            }
            if let old = store.entries.updateValue(entry, forKey: path) { store.bytes -= old.content.count }
            store.bytes += entry.content.count
        }
    }
}
