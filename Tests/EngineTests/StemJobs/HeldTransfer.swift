import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A GET over a plain loopback socket with a tiny receive buffer that reads the response head and
/// then stops reading: the server's transfer of a large body stays open (its writes wait once
/// the socket buffers are full) until `close()`.
final class HeldTransfer: @unchecked Sendable {
    private var fd: Int32

    /// Connects to `127.0.0.1:port` and sends `GET target`.
    init(port: Int, target: String) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HeldTransferError(what: "socket") }
        var size: Int32 = 4096
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            Glibc.close(fd)
            throw HeldTransferError(what: "connect")
        }
        let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n".utf8)
        guard send(fd, request, request.count, 0) == request.count else { throw HeldTransferError(what: "send") }
    }

    /// Reads until the end of the response head (off the concurrency pool: `recv` blocks); the status.
    func status() async throws -> Int {
        let fd = self.fd
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                var received: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 1024)
                while true {
                    let n = recv(fd, &buffer, buffer.count, 0)
                    guard n > 0 else { return continuation.resume(throwing: HeldTransferError(what: "recv")) }
                    received += buffer[0..<n]
                    let text = String(decoding: received, as: UTF8.self)
                    if text.contains("\r\n\r\n") {
                        let status = text.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
                        return continuation.resume(returning: status)
                    }
                }
            }
        }
    }

    /// Closes the connection; the server's transfer ends with an error and lets go of its slot.
    func close() {
        guard fd >= 0 else { return }
        Glibc.close(fd)
        fd = -1
    }

    deinit { close() }
}

struct HeldTransferError: Error, CustomStringConvertible {
    let what: String
    var description: String { "held transfer: \(what) failed (errno \(errno))" }
}
