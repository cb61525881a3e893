@testable import Engine
import Foundation
import Model
import Testing
import TestSupport

@Suite("backfill-hls")
struct BackfillTests {
    @Test("samples stored without HLS get it from their WAV; the dry run only lists them")
    func backfill() async throws {
        let t = try await TestLibrary()
        let outcome = try await t.library.samples.submit(try t.tone("old.wav", seconds: 3))
        try await t.drain()
        let id = outcome.sample.id
        // Make it look like a sample from before HLS existed.
        let model = try await t.library.samples.sampleModel(id)
        var files = try model.sample().files ?? SampleFiles()
        try await t.library.blobs.removeAll(under: try BlobKey("samples/\(id.uuidString.lowercased())/hls"))
        files.hls = nil
        files.hlsSegments = nil
        files.hlsFirstSegment = nil
        try model.apply(files)
        try await model.update(on: t.library.parts.db)

        let dry = try await t.library.samples.backfillHLS(dryRun: true, limit: nil)
        #expect(dry.samples.map(\.id) == [id])
        #expect(try await t.library.samples.sample(id).files?.hls == nil)

        let done = try await t.library.samples.backfillHLS(dryRun: false, limit: nil)
        #expect(done.failures.isEmpty)
        let sample = try await t.library.samples.sample(id)
        let playlist = try #require(sample.files?.hls)
        let url = try #require(t.library.blobs.localURL(for: try BlobKey(playlist.key)))
        #expect(try String(contentsOf: url, encoding: .utf8).contains("#EXT-X-ENDLIST"))
        #expect((sample.files?.hlsSegments?.count ?? 0) >= 3)
        #expect(try await t.library.samples.backfillHLS(dryRun: true, limit: nil).samples.isEmpty)
    }
}
