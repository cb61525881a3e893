import Client
import Engine
import Foundation
import Model
import StemTestSupport
import Testing

/// The stem calls of `SampleTokClient`, against both implementations: what the stem dialog and
/// the stem commands see must not depend on where the library is.
@Suite("SampleTokClient contract: stems and credits, embedded and remote alike", .serialized, .timeLimit(.minutes(5)))
struct ClientStemContractTests {
    @Test("catalog, request, follow, list, peaks, media, export charged once, refusals, ledger", arguments: ClientKind.allCases)
    func stems(kind: ClientKind) async throws {
        try await ClientFixture.with(kind, separator: CopySeparator()) { f in
            let client = f.client
            let catalog = try await client.stemCatalog()
            #expect(catalog.costPerStem == 2 && catalog.downloadCost == 1 && catalog.maxStemsPerRequest == 5)
            #expect(catalog.providers.map(\.name) == ["local", "lalal"])
            #expect(catalog.provider("local")?.offer(.drum)?.support == .supported)
            #expect(catalog.provider("local")?.offer(.piano)?.isAvailable == false)
            #expect(catalog.provider("lalal")?.configured == false)

            let sample = try await f.library.samples.setOverrides(try await f.sample(titled: "kick loop").id,
                                                          SampleOverrides(bpm: 96, key: MusicalKey(parsing: "A minor")))
            let job = try await client.requestStems(of: sample.id.uuidString, stems: [.drum], provider: nil)
            #expect(job.sampleID == sample.id && job.requested == [.drum] && job.cost == 2 && job.provider == "local")
            var last: ProgressEvent?
            for try await event in client.stemEvents(of: job.id) {
                #expect(event.stemJobID == job.id)
                last = event
            }
            #expect(last?.status == .completed && last?.step == "done")

            let listed = try await client.stemJobs(of: String(sample.id.uuidString.prefix(8)))
            #expect(listed.map(\.id) == [job.id])
            let stem = try #require(listed.first?.stems.first)
            #expect(stem.status == .completed && stem.type == .drum && stem.analysis != nil)
            #expect(stem.exportCost == 1, "the user's first export costs the catalog's download price")
            #expect(try await client.stemJob(job.id).stems.map(\.id) == [stem.id])
            let peaks = try await client.stemPeaks(of: stem.id)
            #expect(peaks.frames > 40_000)
            let media = client.media(of: stem)
            let playlist = try #require(media.hls)
            #expect(String(decoding: try await read(playlist), as: UTF8.self).contains("#EXTM3U"))
            #expect(media.mp3 == nil && media.wav == nil, "a stem's WAV and MP3 are paid: only exportStem gives them")

            func code(_ body: () async throws -> Void) async -> String? {
                do { try await body(); return nil } catch let error as SampleTokError { return error.code } catch { return "\(error)" }
            }
            // A folder that cannot be made: refused, and nothing charged or counted.
            #expect(await code { _ = try await client.exportStem(stem.id, format: .wav, to: URL(fileURLWithPath: "/proc/nope")) }
                    == "output.unwritable")
            #expect(try await client.me().ledger.map(\.reason) == [.stemsCharge, .accountOpen], "a failed export costs nothing")
            #expect(try await client.stemJob(job.id).stems.first?.downloadCount == 0)

            let folder = f.scratch.url.appendingPathComponent("stems-\(kind)")
            let wav = try await client.exportStem(stem.id, format: .wav, to: folder)
            #expect(wav.lastPathComponent == "kick loop - 96 BPM - A minor - drum.wav")
            #expect(try Data(contentsOf: wav).count == stem.files?.wav?.bytes)
            _ = try await client.exportStem(stem.id, format: .mp3, to: folder)
            let account = try await client.me()
            #expect(account.balance == 4, "7 − 2 for the stem − 1 for its first download")
            #expect(account.ledger.map(\.reason) == [.stemDownload, .stemsCharge, .accountOpen])
            #expect(try await client.stemJob(job.id).stems.first?.exportCost == 0, "paid once: the next export is free")

            #expect(await code { _ = try await client.requestStems(of: sample.id.uuidString, stems: [.drum], provider: nil) }
                    == "stems.already_requested")
            #expect(await code { _ = try await client.requestStems(of: sample.id.uuidString, stems: [.bass, .strings, .wind], provider: nil) }
                    == "credits.insufficient")
            #expect(await code { _ = try await client.requestStems(of: sample.id.uuidString, stems: [.drum], provider: "lalal") }
                    == "stems.provider_unconfigured")
            #expect(await code { _ = try await client.requestStems(of: sample.id.uuidString, stems: [.piano], provider: nil) }
                    == "stems.unsupported")
            #expect(await code { _ = try await client.stemJob(UUID()) } == "stem_job.not_found")
            #expect(await code { _ = try await client.stemPeaks(of: UUID()) } == "stem.not_found")
            #expect(try await client.me().balance == 4, "refusals charge nothing")
            #expect(try await client.stemJobs(of: sample.id.uuidString).count == 1, "no duplicate stem job")
        }
    }
}
