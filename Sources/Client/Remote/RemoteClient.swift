import Foundation
import Model
import Net

/// A `SampleTokClient` over a SampleTok server's HTTP API (`sampletok --serve`, or an app with
/// `--listen`), through `Net`'s libcurl client. Errors the server answers with keep their code;
/// a server that cannot be reached is `remote.unreachable`, one that answers something other
/// than the API's JSON is `remote.bad_response`.
public final class RemoteClient: SampleTokClient {
    /// The server's base URL, without a trailing slash (`http://host:8000`).
    public let baseURL: String
    let token: String?
    let http: HTTPClient
    /// The waits before each attempt to open a dropped event stream again; when they are used
    /// up, the stream ends with `remote.unreachable`.
    let reconnectDelays: [Duration]

    /// The default waits between reconnects of an event stream: 0.25 s doubling to 4 s, seven
    /// attempts over about 14 s, enough for a server to restart (or a load balancer to move the
    /// client to another node).
    public static let defaultReconnectDelays: [Duration] = [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2),
                                                            .seconds(2), .seconds(4), .seconds(4)]

    /// A client of the server at `baseURL` (http or https), signing in with `token` when given.
    /// Throws `remote.invalid_url` for anything that is not an http(s) URL with a host.
    public init(baseURL: String, token: String? = nil, http: HTTPClient = HTTPClient(),
                reconnectDelays: [Duration] = RemoteClient.defaultReconnectDelays) throws {
        var base = baseURL.trimmingCharacters(in: .whitespacesAndNewlines)
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil
        else {
            throw SampleTokError(.remoteInvalidURL, "'\(baseURL)' is not a server address: give an http(s) URL such as http://127.0.0.1:8000.")
        }
        self.baseURL = base
        self.token = token.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        self.http = http
        self.reconnectDelays = reconnectDelays
    }

    /// The server's URL.
    public var location: String { baseURL }

    /// `GET /api/v1/samples` with the query's parameters.
    public func list(_ query: SampleQuery) async throws -> ResultPage<Sample> {
        var parameters: [(String, String)] = [("page", String(query.page)), ("limit", String(query.limit))]
        if let search = query.search { parameters.append(("q", search)) }
        parameters += Self.filterParameters(query)
        if let status = query.status { parameters.append(("status", status.rawValue)) }
        if let starred = query.starred { parameters.append(("starred", starred ? "true" : "false")) }
        if let sort = query.sort { parameters.append(("sort", sort.rawValue)) }
        if query.reverse == true { parameters.append(("reverse", "true")) }
        if query.counted == false { parameters.append(("count", "false")) }
        return try await get("/api/v1/samples", parameters)
    }

    /// The tempo and key parameters of a query (`bpm_min`, `bpm_max`, `bpm_half_double`, `key`,
    /// `compatible_with`, `scale`): the sample list's and the similarity search's.
    static func filterParameters(_ query: SampleQuery) -> [(String, String)] {
        var parameters: [(String, String)] = []
        if let low = query.bpmMin { parameters.append(("bpm_min", String(low))) }
        if let high = query.bpmMax { parameters.append(("bpm_max", String(high))) }
        if query.bpmHalfDouble == true { parameters.append(("bpm_half_double", "true")) }
        if let key = query.key { parameters.append(("key", key.camelot)) }
        if let key = query.compatibleWith { parameters.append(("compatible_with", key.camelot)) }
        if query.key == nil, let scale = query.scale { parameters.append(("scale", scale.rawValue)) }
        return parameters
    }

    /// `GET /api/v1/samples/{id}/similar` with the aspect, limit and filters.
    public func similar(_ idOrPrefix: String, _ query: SimilarityQuery) async throws -> SimilarSamples {
        let parameters = [("aspect", query.aspect.rawValue), ("limit", String(query.limit))] + Self.filterParameters(query.filters)
        return try await get("/api/v1/samples/\(try Self.path(idOrPrefix))/similar", parameters)
    }

    /// `GET /api/v1/samples/{id}`.
    public func sample(_ idOrPrefix: String) async throws -> Sample {
        try await get("/api/v1/samples/\(try Self.path(idOrPrefix))")
    }

    /// `POST /api/v1/process/submit`; a new sample is then read once for its fields.
    public func submit(_ source: String) async throws -> SubmitOutcome {
        let response = try await send(.post, "/api/v1/process/submit", body: try Self.encode(SubmitRequest(url: source)))
        if response.status == 202 {
            let accepted: SubmitAccepted = try decode(response)
            return SubmitOutcome(sample: try await sample(accepted.sampleID.uuidString), created: true)
        }
        return SubmitOutcome(sample: try decode(response), created: false)
    }

    /// A server cannot read this machine's folders: refused with what to do instead.
    public func importFolder(_ path: String) async throws -> FolderImport {
        throw SampleTokError.invalid("\(location) cannot read the folders of this machine: import '\(path)' into a local library (`sampletok import`), or submit URLs.")
    }

    /// `GET /api/v1/samples/{id}/peaks`.
    public func peaks(of id: UUID) async throws -> Peaks {
        try await get("/api/v1/samples/\(id.uuidString)/peaks")
    }

    /// The `url`s of the sample's files (relative ones resolved against the server's URL).
    public func media(of sample: Sample) -> SampleMedia {
        media(of: sample.files)
    }

    /// The `url`s of the stem's files (relative ones resolved against the server's URL).
    public func media(of stem: Stem) -> SampleMedia {
        media(of: stem.files)
    }

    private func media(of files: SampleFiles?) -> SampleMedia {
        SampleMedia(hls: url(files?.hls), hlsFirstSegment: url(files?.hlsFirstSegment), mp3: url(files?.mp3), wav: url(files?.wav))
    }

    /// `POST /api/v1/samples/{id}/download` (counting the download), then fetches the file into
    /// `folder` under the same name a local export gets.
    public func export(_ idOrPrefix: String, format: ExportFormat, to folder: URL) async throws -> URL {
        let sample = try await sample(idOrPrefix)
        let response = try await send(.post, "/api/v1/samples/\(sample.id.uuidString)/download",
                                      body: try Self.encode(DownloadRequest(format: format.rawValue)))
        return try await fetch(try decode(response), to: folder.appendingPathComponent(sample.exportFileName(format)))
    }

    /// `POST /api/v1/stems/{id}/download` (the first one is charged), then fetches the file into
    /// `folder` under the same name a local export gets. The folder is made and checked first,
    /// so a folder that cannot be written is refused before anything is charged (if the transfer
    /// itself fails, downloading again is free).
    public func exportStem(_ stemID: UUID, format: ExportFormat, to folder: URL) async throws -> URL {
        let stem: Stem = try await get("/api/v1/stems/\(stemID.uuidString)")
        let sample = try await sample(stem.sampleID.uuidString)
        try Self.prepare(folder)
        let response = try await send(.post, "/api/v1/stems/\(stemID.uuidString)/download",
                                      body: try Self.encode(DownloadRequest(format: format.rawValue)))
        return try await fetch(try decode(response), to: folder.appendingPathComponent(stem.exportFileName(of: sample, format)))
    }

    /// Makes `folder` if it is missing; `output.unwritable` when it cannot be made or written to.
    private static func prepare(_ folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw SampleTokError(.outputUnwritable, "Cannot create the folder \(folder.path).")
        }
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw SampleTokError(.outputUnwritable, "Cannot write to the folder \(folder.path).")
        }
    }

    /// Fetches the file of a download link to `destination` (creating its folder).
    private func fetch(_ link: DownloadLink, to destination: URL) async throws -> URL {
        guard let source = resolve(link.url) else {
            throw SampleTokError(.remoteBadResponse, "The server at \(baseURL) gave a download link that is not a URL: '\(link.url)'.")
        }
        try Self.prepare(destination.deletingLastPathComponent())
        // No token: the link may point at a CDN (PUBLIC_BASE_URL), which must not see it.
        var request = HTTPRequest(url: source.absoluteString, timeout: nil, idleTimeout: .seconds(30))
        request.maxResponseBytes = Int64(max(link.bytes, 0)) + (1 << 20)
        do {
            _ = try await http.download(request, to: destination.path)
        } catch let error as NetError where error.has(.fetchUnwritable) {
            throw SampleTokError(.outputUnwritable, error.message)
        } catch {
            throw translate(error)
        }
        return destination
    }

    /// `GET /api/v1/jobs`.
    public func jobs(includeDone: Bool) async throws -> [JobInfo] {
        let list: JobList = try await get("/api/v1/jobs", [("include_done", includeDone ? "true" : "false")])
        return list.items
    }

    /// `DELETE /api/v1/samples/{id}`.
    public func delete(_ idOrPrefix: String) async throws {
        let response = try await send(.delete, "/api/v1/samples/\(try Self.path(idOrPrefix))")
        guard response.isSuccess else { throw serverError(response) }
    }

    /// `POST /api/v1/samples/{id}/retry`.
    public func retry(_ idOrPrefix: String) async throws -> Sample {
        try decode(try await send(.post, "/api/v1/samples/\(try Self.path(idOrPrefix))/retry"))
    }

    /// `GET /api/v1/me`.
    public func me() async throws -> Account {
        try await get("/api/v1/me")
    }

    /// `GET /api/v1/collections`.
    public func collections() async throws -> [SampleCollection] {
        let page: ResultPage<SampleCollection> = try await get("/api/v1/collections")
        return page.items
    }

    /// `POST /api/v1/collections`.
    public func createCollection(_ request: CollectionRequest) async throws -> SampleCollection {
        try decode(try await send(.post, "/api/v1/collections", body: try Self.encode(request)))
    }

    /// `GET /api/v1/collections/{id}`.
    public func collection(_ idOrPrefix: String) async throws -> SampleCollection {
        try await get("/api/v1/collections/\(try Self.path(idOrPrefix, notFound: SampleTokError.collectionNotFound))")
    }

    /// `POST /api/v1/collections/{id}/reset`.
    public func resetCollection(_ idOrPrefix: String) async throws -> SampleCollection {
        try decode(try await send(.post, "/api/v1/collections/\(try Self.path(idOrPrefix, notFound: SampleTokError.collectionNotFound))/reset"))
    }

    /// `PUT` (star) or `DELETE` (unstar) `/api/v1/samples/{id}/star`.
    public func setStar(_ idOrPrefix: String, _ starred: Bool) async throws -> StarState {
        try decode(try await send(starred ? .put : .delete, "/api/v1/samples/\(try Self.path(idOrPrefix))/star"))
    }

    /// `GET /api/v1/stars`.
    public func stars() async throws -> [UUID] {
        let list: StarList = try await get("/api/v1/stars")
        return list.items
    }

    /// `GET /api/v1/crates`.
    public func crates() async throws -> [Crate] {
        let page: ResultPage<Crate> = try await get("/api/v1/crates")
        return page.items
    }

    /// `GET /api/v1/crates/{crate}`.
    public func crate(_ nameOrID: String) async throws -> Crate {
        try await get("/api/v1/crates/\(try Self.cratePath(nameOrID))")
    }

    /// `POST /api/v1/crates`.
    public func createCrate(named name: String) async throws -> Crate {
        try decode(try await send(.post, "/api/v1/crates", body: try Self.encode(CrateRequest(name: name))))
    }

    /// `PATCH /api/v1/crates/{crate}`.
    public func renameCrate(_ nameOrID: String, to name: String) async throws -> Crate {
        try decode(try await send(.patch, "/api/v1/crates/\(try Self.cratePath(nameOrID))", body: try Self.encode(CrateRequest(name: name))))
    }

    /// `DELETE /api/v1/crates/{crate}`.
    public func deleteCrate(_ nameOrID: String) async throws {
        let response = try await send(.delete, "/api/v1/crates/\(try Self.cratePath(nameOrID))")
        guard response.isSuccess else { throw serverError(response) }
    }

    /// `POST /api/v1/crates/{crate}/items`.
    public func addToCrate(_ nameOrID: String, sample idOrPrefix: String, at position: Int?) async throws -> Crate {
        let request = CrateItemRequest(sampleID: try Self.path(idOrPrefix), position: position.map { max(1, $0) })
        return try decode(try await send(.post, "/api/v1/crates/\(try Self.cratePath(nameOrID))/items", body: try Self.encode(request)))
    }

    /// `PATCH /api/v1/crates/{crate}/items/{id}`.
    public func moveInCrate(_ nameOrID: String, sample idOrPrefix: String, to position: Int) async throws -> Crate {
        try decode(try await send(.patch, "/api/v1/crates/\(try Self.cratePath(nameOrID))/items/\(try Self.path(idOrPrefix))",
                                  body: try Self.encode(CrateMoveRequest(position: max(1, position)))))
    }

    /// `DELETE /api/v1/crates/{crate}/items/{id}`.
    public func removeFromCrate(_ nameOrID: String, sample idOrPrefix: String) async throws -> Crate {
        try decode(try await send(.delete, "/api/v1/crates/\(try Self.cratePath(nameOrID))/items/\(try Self.path(idOrPrefix))"))
    }

    /// A crate's name, id or prefix as a path segment (percent-encoded); an empty one is
    /// `crate.not_found` without asking the server.
    static func cratePath(_ nameOrID: String) throws -> String {
        let text = nameOrID.trimmingCharacters(in: .whitespacesAndNewlines)
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        guard !text.isEmpty, let encoded = text.addingPercentEncoding(withAllowedCharacters: allowed) else {
            throw SampleTokError.crateNotFound(nameOrID)
        }
        return encoded
    }

    /// `GET /api/v1/stem-providers`.
    public func stemCatalog() async throws -> StemCatalog {
        try await get("/api/v1/stem-providers")
    }

    /// `POST /api/v1/samples/{id}/separate-stems`.
    public func requestStems(of idOrPrefix: String, stems: [StemType], provider: String?) async throws -> StemJob {
        try decode(try await send(.post, "/api/v1/samples/\(try Self.path(idOrPrefix))/separate-stems",
                                  body: try Self.encode(StemRequest(stems: stems, provider: provider))))
    }

    /// `GET /api/v1/samples/{id}/stems`.
    public func stemJobs(of idOrPrefix: String) async throws -> [StemJob] {
        let list: StemJobList = try await get("/api/v1/samples/\(try Self.path(idOrPrefix))/stems")
        return list.items
    }

    /// `GET /api/v1/stem-jobs/{id}`.
    public func stemJob(_ id: UUID) async throws -> StemJob {
        try await get("/api/v1/stem-jobs/\(id.uuidString)")
    }

    /// `GET /api/v1/stems/{id}/peaks`.
    public func stemPeaks(of stemID: UUID) async throws -> Peaks {
        try await get("/api/v1/stems/\(stemID.uuidString)/peaks")
    }

    /// Nothing to end: every request and stream belongs to its caller.
    public func close() async {}

    /// A file's URL, resolved against the server's.
    private func url(_ file: SampleFile?) -> URL? {
        file?.url.flatMap(resolve)
    }

    /// An absolute http(s) URL from a link the server gave (which may be a path on the server).
    func resolve(_ link: String) -> URL? {
        guard let base = URL(string: baseURL + "/"), let url = URL(string: link, relativeTo: base)?.absoluteURL,
              let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https"
        else { return nil }
        return url
    }

    /// A sample (or collection) id or prefix as a path segment. What the local library would not
    /// take either is `sample.not_found` (`notFound`) here too, without asking the server.
    static func path(_ idOrPrefix: String,
                     notFound: (String) -> SampleTokError = SampleTokError.sampleNotFound) throws -> String {
        let text = idOrPrefix.trimmingCharacters(in: .whitespaces).lowercased()
        if UUID(uuidString: text) != nil { return text }
        guard (4...36).contains(text.count), text.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw notFound(idOrPrefix)
        }
        return text
    }
}
