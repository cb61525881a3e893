import Foundation

/// The temporary file a download streams into, beside its destination; renamed over the destination
/// when complete, removed otherwise, so no partial file is ever left at either path.
final class DownloadFile: @unchecked Sendable {
    /// Where the file goes when complete.
    let destination: String
    /// The temporary file, `.<name>.<random>.part` in the destination's folder.
    let temporaryPath: String
    private var descriptor: Int32
    private var finished = false

    /// Creates and opens the temporary file; throws `fetch.unwritable` when the folder is not writable.
    init(destination: String) throws {
        let url = URL(fileURLWithPath: destination)
        let folder = url.deletingLastPathComponent().path
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let temporary = URL(fileURLWithPath: folder).appendingPathComponent(".\(url.lastPathComponent).\(suffix).part").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw NetError.unwritable(destination, String(cString: strerror(errno))) }
        self.destination = destination
        self.temporaryPath = temporary
        self.descriptor = fd
    }

    deinit { discard() }

    /// Appends bytes; false when the disk refuses them.
    func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard descriptor >= 0, var base = bytes.baseAddress else { return bytes.isEmpty }
        var left = bytes.count
        while left > 0 {
            let written = Foundation.write(descriptor, base, left)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            left -= written
            base += written
        }
        return true
    }

    /// Closes the file and renames it over the destination.
    func commit() throws {
        guard !finished else { return }
        finished = true
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw NetError.unwritable(destination, reason)
        }
        guard rename(temporaryPath, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw NetError.unwritable(destination, reason)
        }
    }

    /// Closes and removes the temporary file (no-op after ``commit()``).
    func discard() {
        guard !finished else { return }
        finished = true
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporaryPath)
    }
}
