import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Model
import Testing
import TestSupport

@Suite("HTTP API: /files/ with ranges, ETags and key validation")
struct FileRouteTests {
    @Test("a file answered from memory follows the file: replaced (same size) gives the new bytes, removed gives 404; ranges of it too")
    func cachedFileFollowsTheStore() async throws {
        let f = try await ServerFixture()
        let sample = try await f.completedSample()
        let segment = try #require(sample.files?.hlsFirstSegment)
        let url = try #require(f.library.library.blobs.localURL(for: try BlobKey(segment.key)))
        let stored = try Data(contentsOf: url)
        try await f.test { client in
            for _ in 0..<2 {
                try await client.execute(uri: "/files/\(segment.key)", method: .get) { response in
                    #expect(Data(response.body.readableBytesView) == stored)
                    #expect(response.headers[.contentType] == segment.contentType)
                }
            }
            try await client.execute(uri: "/files/\(segment.key)", method: .get, headers: [.range: "bytes=4-9"]) { response in
                #expect(response.status == .partialContent)
                #expect(Data(response.body.readableBytesView) == stored.subdata(in: 4..<10))
            }
            // The store writes a file anew and renames it into place; do the same with other bytes.
            let replacement = Data(stored.reversed())
            let temporary = url.deletingLastPathComponent().appendingPathComponent("replacement.tmp")
            try replacement.write(to: temporary)
            #expect(rename(temporary.path, url.path) == 0)
            try await client.execute(uri: "/files/\(segment.key)", method: .get) { response in
                #expect(Data(response.body.readableBytesView) == replacement)
            }
            try FileManager.default.removeItem(at: url)
            try await client.execute(uri: "/files/\(segment.key)", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.errorCode == "file.not_found")
            }
        }
    }

    @Test("a whole file: 200 with its length, type, ETag, Accept-Ranges and an immutable Cache-Control; HEAD too")
    func wholeFile() async throws {
        let f = try await ServerFixture()
        let sample = try await f.completedSample()
        let wav = try #require(sample.files?.wav)
        let stored = try Data(contentsOf: try #require(f.library.library.blobs.localURL(for: try BlobKey(wav.key))))
        try await f.test { client in
            try await client.execute(uri: "/files/\(wav.key)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Data(response.body.readableBytesView) == stored)
                #expect(response.headers[.contentLength] == String(stored.count))
                #expect(response.headers[.contentType] == "audio/wav")
                #expect(response.headers[.acceptRanges] == "bytes")
                #expect(response.headers[.cacheControl] == "public, max-age=31536000, immutable")
                #expect(response.headers[.eTag]?.hasPrefix("\"") == true)
            }
            try await client.execute(uri: "/files/\(wav.key)", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
            }
            let playlist = try #require(sample.files?.hls)
            try await client.execute(uri: "/files/\(playlist.key)", method: .get) { response in
                #expect(response.headers[.contentType] == "application/vnd.apple.mpegurl")
                #expect(response.text.hasPrefix("#EXTM3U"))
            }
        }
    }

    @Test("Range: 206 with Content-Range for first-last, open and suffix ranges; 416 past the end; If-None-Match 304")
    func rangesAndETags() async throws {
        let f = try await ServerFixture()
        let sample = try await f.completedSample()
        let segment = try #require(sample.files?.hlsFirstSegment)
        let stored = try Data(contentsOf: try #require(f.library.library.blobs.localURL(for: try BlobKey(segment.key))))
        let size = stored.count
        try await f.test { client in
            let uri = "/files/\(segment.key)"
            let cases: [(String, Range<Int>)] = [("bytes=0-99", 0..<100), ("bytes=10-", 10..<size), ("bytes=-20", (size - 20)..<size),
                                                 ("bytes=5-\(size + 1000)", 5..<size)]
            for (range, expected) in cases {
                try await client.execute(uri: uri, method: .get, headers: [.range: range]) { response in
                    #expect(response.status == .partialContent, "\(range)")
                    #expect(Data(response.body.readableBytesView) == stored[expected], "\(range)")
                    #expect(response.headers[.contentRange] == "bytes \(expected.lowerBound)-\(expected.upperBound - 1)/\(size)")
                    #expect(response.headers[.contentLength] == String(expected.count))
                }
            }
            try await client.execute(uri: uri, method: .get, headers: [.range: "bytes=\(size)-"]) { response in
                #expect(response.status == .rangeNotSatisfiable)
                #expect(response.headers[.contentRange] == "bytes */\(size)")
                #expect(response.errorCode == "request.range_not_satisfiable")
            }
            try await client.execute(uri: uri, method: .get, headers: [.range: "lines=1-2"]) { #expect($0.status == .ok) }
            let etag = try await client.execute(uri: uri, method: .get) { $0.headers[.eTag] ?? "" }
            try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.eTag] == etag)
            }
            try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: "\"other\""]) { #expect($0.status == .ok) }
        }
    }

    @Test("traversal and odd keys are refused; missing files, folders and type records are 404")
    func badKeys() async throws {
        let f = try await ServerFixture()
        let sample = try await f.completedSample()
        let folder = "samples/\(sample.id.uuidString.lowercased())"
        try await f.test { client in
            for uri in ["/files/../library.sqlite", "/files/samples/../../library.sqlite", "/files/samples/%2e%2e/%2e%2e/library.sqlite",
                        "/files/samples/a%2fb", "/files/samples//audio.wav"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest || response.status == .notFound, "\(uri): \(response.status)")
                    #expect(!response.text.contains("SQLite"), "\(uri)")
                }
            }
            for uri in ["/files/\(folder)/missing.wav", "/files/\(folder)", "/files/\(folder)/audio.wav.type", "/files/"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                }
            }
            // A percent-encoded slash is a slash: the key is decoded before it is checked.
            try await client.execute(uri: "/files/samples%2F\(sample.id.uuidString.lowercased())%2Faudio.wav", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/files/samples/..", method: .get) { response in
                #expect(response.status == .badRequest || response.status == .notFound)
            }
        }
    }
}
