import Foundation
import Net
import TestSupport
import Testing

@Suite struct DownloadTests {
    let client = HTTPClient()

    @Test func downloadWritesTheWholeFileAndReportsProgress() async throws {
        let scratch = Scratch("net-download")
        let path = scratch.path("file.bin")
        let reports = Collector<TransferProgress>()
        let response = try await client.download(.get(try TestServer.url("/bytes?n=1000000")), to: path) { reports.append($0) }
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
        #expect(response.receivedBytes == 1_000_000)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == pattern(0..<1_000_000))
        #expect(scratch.contents() == ["file.bin"])

        let progress = reports.all
        #expect(!progress.isEmpty)
        #expect(progress.last == TransferProgress(receivedBytes: 1_000_000, expectedBytes: 1_000_000))
        #expect(zip(progress, progress.dropFirst()).allSatisfy { $0.receivedBytes <= $1.receivedBytes })
    }

    @Test func downloadReplacesAnExistingFile() async throws {
        let scratch = Scratch("net-download")
        let path = scratch.path("file.bin")
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        _ = try await client.download(.get(try TestServer.url("/bytes?n=777")), to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == pattern(0..<777))
        #expect(scratch.contents() == ["file.bin"])
    }

    @Test func errorStatusIsThrownAndLeavesNothing() async throws {
        let scratch = Scratch("net-download")
        let error = await #expect(throws: NetError.self) {
            _ = try await client.download(.get(try TestServer.url("/status/404")), to: scratch.path("file.bin"))
        }
        #expect(error?.code == "fetch.http_status")
        #expect(error?.status == 404)
        #expect(scratch.contents().isEmpty)
    }

    @Test(arguments: ["/bytes?n=200000", "/bytes?n=200000&close=1"])
    func tooLargeLeavesNothingAndKeepsTheOldFile(_ endpoint: String) async throws {
        let scratch = Scratch("net-download")
        let path = scratch.path("file.bin")
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let error = await #expect(throws: NetError.self) {
            _ = try await client.download(HTTPRequest(url: try TestServer.url(endpoint), maxResponseBytes: 100_000), to: path)
        }
        #expect(error?.code == "fetch.too_large")
        #expect(scratch.contents() == ["file.bin"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("old".utf8))
    }

    @Test func clientDownloadLimitApplies() async throws {
        let scratch = Scratch("net-download")
        let small = HTTPClient(configuration: HTTPClientConfiguration(maxDownloadBytes: 1000))
        let error = await #expect(throws: NetError.self) {
            _ = try await small.download(.get(try TestServer.url("/bytes?n=1001")), to: scratch.path("f"))
        }
        #expect(error?.code == "fetch.too_large")
        #expect(scratch.contents().isEmpty)
    }

    @Test func unreachableLeavesNothing() async throws {
        let scratch = Scratch("net-download")
        let error = await #expect(throws: NetError.self) {
            _ = try await client.download(.get("http://127.0.0.1:1/file"), to: scratch.path("file.bin"))
        }
        #expect(error?.code == "fetch.unreachable")
        #expect(scratch.contents().isEmpty)
    }

    @Test func unwritableFolderIsReported() async throws {
        let scratch = Scratch("net-download")
        let error = await #expect(throws: NetError.self) {
            _ = try await client.download(.get(try TestServer.url("/hello")), to: scratch.path("missing/file.bin"))
        }
        #expect(error?.code == "fetch.unwritable")
    }

    @Test func rangeDownload() async throws {
        let scratch = Scratch("net-download")
        let path = scratch.path("part.bin")
        let response = try await client.download(HTTPRequest(url: try TestServer.url("/bytes?n=5000"),
                                                             range: ByteRange(1000...2999)), to: path)
        #expect(response.status == 206)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == pattern(1000..<3000))
    }
}
