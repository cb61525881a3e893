import CCurl
import Foundation

/// One request on one libcurl easy handle: its options, its callbacks and what they collect.
///
/// Built on the caller's thread, then owned by ``CurlLoop``'s thread from submission until
/// ``finish(_:)``; the callbacks run on that thread only.
final class CurlTransfer: @unchecked Sendable {
    /// Where the body goes.
    enum Sink {
        /// Into ``HTTPResponse/body``.
        case memory
        /// Into a file.
        case file(DownloadFile)
        /// To a callback, chunk by chunk, as it arrives.
        case chunks(@Sendable (Data) -> Void)
    }

    let request: HTTPRequest
    let policy: AddressPolicy
    let trustedCertificatesPath: String?
    let sink: Sink
    /// The body limit, or nil for none.
    let limit: Int64?
    /// Whether a non-2xx final status is an error (downloads).
    let requiresSuccess: Bool
    let progress: (@Sendable (TransferProgress) -> Void)?
    /// Called once when the final response's header block is complete.
    var onHead: (@Sendable (HTTPResponse) -> Void)?
    /// Called once with the outcome.
    var onComplete: (@Sendable (Result<HTTPResponse, NetError>) -> Void)?

    /// Set under ``CurlLoop``'s lock.
    var cancelRequested = false

    private(set) var easy: UnsafeMutableRawPointer?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>

    private var status = 0
    private var headers = HTTPHeaders()
    private var headComplete = false
    private var body = Data()
    private var received: Int64 = 0
    private var lastReported: Int64 = -1
    private var abortReason: NetError?
    private var forbiddenAddress: IPAddress?

    /// Configures an easy handle for `request`; throws `fetch.invalid_url`, `link.unsupported`
    /// or `fetch.invalid_request` for requests that cannot be sent.
    init(request: HTTPRequest, configuration: HTTPClientConfiguration, sink: Sink, limit: Int64?, requiresSuccess: Bool,
         progress: (@Sendable (TransferProgress) -> Void)?) throws {
        self.request = request
        self.policy = configuration.addressPolicy
        self.trustedCertificatesPath = configuration.trustedCertificatesPath
        self.sink = sink
        self.limit = limit
        self.requiresSuccess = requiresSuccess
        self.progress = progress
        errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try Self.validate(request)
        guard CurlGlobal.ensure(), let handle = curl_easy_init() else {
            throw NetError.failed(request.url, "libcurl could not be initialized")
        }
        easy = handle
        try configure(handle)
    }

    deinit {
        if let easy { curl_easy_cleanup(easy) }
        if let headerList { curl_slist_free_all(headerList) }
        errorBuffer.deallocate()
    }

    // MARK: - Setup

    private static func validate(_ request: HTTPRequest) throws {
        let url = request.url
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            throw NetError.invalidURL(url, "it needs a scheme such as https://")
        }
        guard scheme == "http" || scheme == "https" else { throw NetError.unsupported(url) }
        guard let host = components.host, !host.isEmpty else { throw NetError.invalidURL(url, "it has no host") }
        let tokenCharacters = CharacterSet(charactersIn: "!#$%&'*+-.^_`|~").union(.alphanumerics)
        let method = request.method.rawValue
        guard !method.isEmpty, method.unicodeScalars.allSatisfy({ $0.isASCII && tokenCharacters.contains($0) }) else {
            throw NetError.invalidRequest("'\(method)' is not an HTTP method")
        }
        for field in request.headers {
            guard !field.name.isEmpty,
                  field.name.unicodeScalars.allSatisfy({ $0.isASCII && tokenCharacters.contains($0) }) else {
                throw NetError.invalidRequest("'\(field.name)' is not a header name")
            }
            guard !hasLineBreak(field.value) else {
                throw NetError.invalidRequest("the value of header '\(field.name)' contains a line break")
            }
        }
        guard !hasLineBreak(request.userAgent) else {
            throw NetError.invalidRequest("the user agent contains a line break")
        }
        if let range = request.range, !range.isValid {
            throw NetError.invalidRequest("the byte range \(range) is empty or negative")
        }
        guard request.maxRedirects >= 0 else { throw NetError.invalidRequest("maxRedirects is negative") }
    }

    /// Whether `text` holds CR, LF or NUL (checked per scalar: "\r\n" is one Character).
    private static func hasLineBreak(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }
    }

    private func configure(_ handle: UnsafeMutableRawPointer) throws {
        let userData = Unmanaged.passUnretained(self).toOpaque()
        var failed: CURLoption?
        func set(_ option: CURLoption, _ value: Int) {
            if shim_curl_setopt_long(handle, option, value) != CURLE_OK { failed = failed ?? option }
        }
        func set(_ option: CURLoption, _ value: String) {
            if shim_curl_setopt_string(handle, option, value) != CURLE_OK { failed = failed ?? option }
        }
        func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) {
            if shim_curl_setopt_pointer(handle, option, value) != CURLE_OK { failed = failed ?? option }
        }

        set(CURLOPT_URL, request.url)
        set(CURLOPT_NOSIGNAL, 1)
        set(CURLOPT_PROTOCOLS_STR, "http,https")
        set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        set(CURLOPT_PROXY, "")  // never a proxy, whatever the environment says
        set(CURLOPT_TCP_KEEPALIVE, 1)
        if let trustedCertificatesPath {
            set(CURLOPT_CAINFO, trustedCertificatesPath)
            set(CURLOPT_CAPATH, pointer: nil)
        }
        set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        set(CURLOPT_FOLLOWLOCATION, request.followRedirects ? 1 : 0)
        set(CURLOPT_MAXREDIRS, request.maxRedirects)
        set(CURLOPT_TIMEOUT_MS, request.timeout.map(Self.milliseconds) ?? 0)
        set(CURLOPT_CONNECTTIMEOUT_MS, max(1, Self.milliseconds(request.connectTimeout)))
        if let idle = request.idleTimeout {
            set(CURLOPT_LOW_SPEED_LIMIT, 1)
            set(CURLOPT_LOW_SPEED_TIME, max(1, (Self.milliseconds(idle) + 999) / 1000))
        }
        set(CURLOPT_USERAGENT, request.userAgent)
        if request.acceptCompressed { set(CURLOPT_ACCEPT_ENCODING, "") }
        if let range = request.range { set(CURLOPT_RANGE, range.description) }

        // Method and body.
        let method = request.method
        let hasBody = !request.body.isEmpty || method == .post || method == .put || method == .patch
        if method == .head {
            set(CURLOPT_NOBODY, 1)
        } else if method == .get && !hasBody {
            set(CURLOPT_HTTPGET, 1)
        } else if method != .post {
            set(CURLOPT_CUSTOMREQUEST, method.rawValue)
        }
        if hasBody && method != .head {
            if shim_curl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)) != CURLE_OK {
                failed = failed ?? CURLOPT_POSTFIELDSIZE_LARGE
            }
            let copied = request.body.withUnsafeBytes { raw -> CURLcode in
                // COPYPOSTFIELDS copies the bytes; an empty body still needs a valid pointer.
                var empty: UInt8 = 0
                guard let base = raw.baseAddress else {
                    return shim_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, &empty)
                }
                return shim_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: base))
            }
            if copied != CURLE_OK { failed = failed ?? CURLOPT_COPYPOSTFIELDS }
        }

        // Header fields: an empty value needs curl's `Name;` form; `Expect:` turns off 100-continue.
        var list: UnsafeMutablePointer<curl_slist>?
        for field in request.headers {
            list = curl_slist_append(list, field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
        }
        if !request.headers.contains("Expect") { list = curl_slist_append(list, "Expect:") }
        headerList = list
        if shim_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, list) != CURLE_OK { failed = failed ?? CURLOPT_HTTPHEADER }

        // Callbacks: non-capturing closures; the transfer comes back through the user-data pointer.
        _ = shim_curl_setopt_datafn(handle, CURLOPT_WRITEFUNCTION) { data, size, count, user in
            guard let user else { return 0 }
            let bytes = size * count
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
            return transfer.receive(UnsafeRawBufferPointer(start: data, count: bytes)) ? bytes : 0
        }
        set(CURLOPT_WRITEDATA, pointer: userData)
        _ = shim_curl_setopt_datafn(handle, CURLOPT_HEADERFUNCTION) { data, size, count, user in
            guard let user else { return 0 }
            let bytes = size * count
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
            return transfer.header(UnsafeRawBufferPointer(start: data, count: bytes)) ? bytes : 0
        }
        set(CURLOPT_HEADERDATA, pointer: userData)
        if progress != nil {
            _ = shim_curl_setopt_xferinfofn(handle) { user, _, _, _, _ in
                guard let user else { return 0 }
                Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue().reportProgress()
                return 0
            }
            set(CURLOPT_XFERINFODATA, pointer: userData)
            set(CURLOPT_NOPROGRESS, 0)
        }
        if policy.refusesNonPublic {
            _ = shim_curl_setopt_opensocketfn(handle) { user, _, address in
                guard let user, let address else { return CURL_SOCKET_BAD }
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
                var raw = [UInt8](repeating: 0, count: 16)
                let length = Int(shim_curl_sockaddr_ip(address, &raw))
                guard let ip = IPAddress(bytes: Array(raw.prefix(length))) else {
                    return CURL_SOCKET_BAD  // not an IP socket: nothing a public-only client should open
                }
                let port = Int(shim_curl_sockaddr_port(address))
                guard transfer.policy.permits(ip, port: port == 0 ? nil : port) else {
                    transfer.forbiddenAddress = ip
                    return CURL_SOCKET_BAD
                }
                return socket(address.pointee.family, address.pointee.socktype, address.pointee.protocol)
            }
            set(CURLOPT_OPENSOCKETDATA, pointer: userData)
        }

        if let failed {
            throw NetError.invalidRequest("libcurl refused option \(failed.rawValue) for '\(request.url)'")
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let parts = duration.components
        let total = Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
        return Int(min(max(0, total.rounded(.up)), Double(Int32.max)))
    }

    // MARK: - Callbacks (on the loop's thread)

    /// A header line from curl (status lines, fields and the blank line ending each block).
    private func header(_ raw: UnsafeRawBufferPointer) -> Bool {
        var line = String(decoding: raw, as: UTF8.self)
        while let last = line.unicodeScalars.last, last == "\n" || last == "\r" { line.unicodeScalars.removeLast() }
        if line.hasPrefix("HTTP/") {
            // A new response (the first, a redirect's target, or a 100 Continue's successor).
            let parts = line.split(separator: " ", maxSplits: 2)
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            headers = HTTPHeaders()
            headComplete = false
            return true
        }
        if headComplete { return true }  // trailers
        if line.isEmpty {
            if (100..<200).contains(status) { return true }
            let followed = request.followRedirects && (300..<400).contains(status) && status != 304
                && headers.contains("Location")
            if followed { return true }
            headComplete = true
            return headReady()
        }
        if let first = line.first, first == " " || first == "\t", let previous = headers.fields.last {
            // An obsolete folded continuation line.
            var fields = headers.fields
            fields[fields.count - 1] = HTTPHeaders.Field(name: previous.name,
                                                         value: previous.value + " " + line.trimmingCharacters(in: .whitespaces))
            headers = HTTPHeaders(fields)
            return true
        }
        guard let colon = line.firstIndex(of: ":") else { return true }
        let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
        let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        headers.add(name, value)
        return true
    }

    /// The final response's header block is complete: check status and announced size.
    private func headReady() -> Bool {
        if requiresSuccess && !(200..<300).contains(status) {
            abortReason = NetError.httpStatus(request.url, status: status)
            return false
        }
        if let limit, request.method != .head, let announced = announcedLength, announced > limit {
            abortReason = NetError.tooLarge(request.url, limit: limit, announced: announced)
            return false
        }
        if case .memory = sink, let announced = announcedLength, announced > 0 {
            body.reserveCapacity(Int(min(announced, limit ?? announced, 64 << 20)))
        }
        onHead?(response(body: Data()))
        return true
    }

    private var announcedLength: Int64? {
        headers["Content-Length"].flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// Body bytes from curl.
    private func receive(_ bytes: UnsafeRawBufferPointer) -> Bool {
        received += Int64(bytes.count)
        if let limit, received > limit {
            abortReason = NetError.tooLarge(request.url, limit: limit, announced: announcedLength)
            return false
        }
        switch sink {
        case .memory:
            body.append(contentsOf: bytes)
        case .file(let file):
            guard file.write(bytes) else {
                abortReason = NetError.unwritable(file.destination, String(cString: strerror(errno)))
                return false
            }
        case .chunks(let deliver):
            deliver(Data(bytes))
        }
        return true
    }

    private func reportProgress() {
        guard let progress, received != lastReported else { return }
        lastReported = received
        progress(TransferProgress(receivedBytes: received, expectedBytes: headComplete ? announcedLength : nil))
    }

    // MARK: - Completion

    private func response(body: Data) -> HTTPResponse {
        var url = request.url
        if let easy {
            var effective: UnsafeMutablePointer<CChar>?
            if shim_curl_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK, let effective {
                url = String(cString: effective)
            }
        }
        return HTTPResponse(status: status, headers: headers, body: body, url: url, receivedBytes: received)
    }

    /// Ends the transfer with curl's result (the handle is already out of the multi handle).
    func finish(_ code: CURLcode) {
        let outcome: Result<HTTPResponse, NetError>
        if code == CURLE_OK {
            if requiresSuccess && !(200..<300).contains(status) {
                outcome = .failure(NetError.httpStatus(request.url, status: status))
            } else {
                if progress != nil { lastReported = -1; reportProgress() }
                outcome = .success(response(body: body))
            }
        } else {
            outcome = .failure(abortReason ?? error(for: code))
        }
        body = Data()
        release()
        onComplete?(outcome)
        onComplete = nil
        onHead = nil
    }

    /// Ends the transfer as cancelled.
    func finishCancelled() {
        release()
        onComplete?(.failure(NetError.cancelled(request.url)))
        onComplete = nil
        onHead = nil
    }

    private func release() {
        if let easy { curl_easy_cleanup(easy) }
        easy = nil
    }

    private func error(for code: CURLcode) -> NetError {
        let url = request.url
        let detail: String = errorBuffer.pointee != 0
            ? String(cString: errorBuffer)
            : String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL:
            return NetError.unsupported(url, detail)
        case CURLE_URL_MALFORMAT:
            return NetError.invalidURL(url, detail)
        case CURLE_COULDNT_CONNECT where forbiddenAddress != nil:
            return NetError.forbidden(url, address: forbiddenAddress?.description ?? "a non-public address")
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT:
            return NetError.unreachable(url, detail)
        case CURLE_OPERATION_TIMEDOUT:
            return NetError.timeout(url, detail)
        case CURLE_TOO_MANY_REDIRECTS:
            return NetError.tooManyRedirects(url, limit: request.maxRedirects)
        case CURLE_FILESIZE_EXCEEDED:
            return NetError.tooLarge(url, limit: limit ?? 0, announced: announcedLength)
        default:
            return NetError.failed(url, detail)
        }
    }
}
