@testable import Engine
import Foundation
import Media
import Model
import SignalTestSupport
import Testing
import TestSupport

/// The offline separator on synthesized material with known parts.
@Suite struct LocalSeparatorTests {
    let separator = LocalStemSeparator()

    /// A sustained C major chord of pure sines (C4 E4 G4 and C3), the whole length.
    static func pad(seconds: Double) -> [Float] {
        var out = [Float](repeating: 0, count: Int(seconds * Synth.rate))
        for frequency in [130.81, 261.63, 329.63, 392.0] {
            let w = 2 * Double.pi * frequency / Synth.rate
            for i in out.indices { out[i] += Float(0.12 * sin(w * Double(i))) }
        }
        return out
    }

    func separate(_ left: [Float], _ right: [Float], stems: [StemType], in scratch: Scratch) async throws -> [StemType: URL] {
        let source = scratch.path("mix.wav")
        try StemAudio.write(left: left, right: right, to: source)
        return try await separator.separate(source: URL(fileURLWithPath: source), stems: stems,
                                            into: scratch.url.appendingPathComponent("stems")) { _, _ in }
    }

    @Test func drumStemIsAtLeast10dBCleanerThanTheMix() async throws {
        let scratch = Scratch("stems-drum")
        let seconds = 8.0
        let drums = Synth.drums(bpm: 120, seconds: seconds)
        let pad = Self.pad(seconds: seconds)
        let mix = Synth.mix(drums, pad)
        let started = ContinuousClock.now
        let files = try await separate(mix, mix, stems: [.drum], in: scratch)
        let elapsed = ContinuousClock.now - started
        let drumFile = try #require(files[.drum])
        let wav = try WAVFile(path: drumFile.path)
        #expect(wav.sampleRate == 48_000)
        #expect(wav.frameCount == mix.count, "the stem has the mix's length")

        let drumSpec = try StemAudio.spectrogram(drums), padSpec = try StemAudio.spectrogram(pad)
        let drumRegion = StemAudio.region(where: drumSpec, dominates: padSpec)
        let padRegion = StemAudio.region(where: padSpec, dominates: drumSpec)
        let mixSpec = try StemAudio.spectrogram(mix), stemSpec = try StemAudio.spectrogram(wav.channels[0])
        let mixRatio = StemAudio.decibels(StemAudio.energy(mixSpec, in: drumRegion) / StemAudio.energy(mixSpec, in: padRegion))
        let stemRatio = StemAudio.decibels(StemAudio.energy(stemSpec, in: drumRegion) / StemAudio.energy(stemSpec, in: padRegion))
        // The snare and the hats (above 230 Hz) and the kick's low body, separately: a kick that
        // rings for 100 ms and more is as sustained as a bass note to a median filter.
        let high = StemAudio.band(drumRegion, bins: 5..<513), low = StemAudio.band(drumRegion, bins: 0..<5)
        let keptHigh = StemAudio.decibels(StemAudio.energy(stemSpec, in: high) / StemAudio.energy(mixSpec, in: high))
        let keptLow = StemAudio.decibels(StemAudio.energy(stemSpec, in: low) / StemAudio.energy(mixSpec, in: low))
        let perMinute = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        print(String(format: "local separator drum: drum-to-pad %.1f dB in the mix, %.1f dB in the drum stem "
            + "(improvement %.1f dB); drum energy kept above 230 Hz %.1f dB, below %.1f dB; "
            + "%.0f ms per minute of audio (this build)",
            mixRatio, stemRatio, stemRatio - mixRatio, keptHigh, keptLow, perMinute / seconds * 60))
        #expect(stemRatio - mixRatio >= 10, "drum-to-pad improvement \(stemRatio - mixRatio) dB")
        // The stem is the drums, not a quieter mix: the snare and hats are all there.
        #expect(keptHigh > -1, "snare and hat energy kept \(keptHigh) dB")
    }

    @Test func vocalEstimateKeepsTheCentreAndDropsThePannedParts() async throws {
        let scratch = Scratch("stems-vocal")
        let seconds = 4.0
        var centre = [Float](repeating: 0, count: Int(seconds * Synth.rate))
        var left = centre, right = centre
        // A "voice" in the middle, one instrument hard left and one panned right.
        Synth.tone(&centre, frequency: 440, from: 0, seconds: seconds, amplitude: 0.2)
        Synth.tone(&left, frequency: 587.33, from: 0, seconds: seconds, amplitude: 0.2)
        Synth.tone(&right, frequency: 698.46, from: 0, seconds: seconds, amplitude: 0.2)
        let mixLeft = (0..<centre.count).map { centre[$0] + left[$0] + 0.2 * right[$0] }
        let mixRight = (0..<centre.count).map { centre[$0] + right[$0] }
        let files = try await separate(mixLeft, mixRight, stems: [.vocal], in: scratch)
        let wav = try WAVFile(path: try #require(files[.vocal]).path)
        #expect(wav.frameCount == centre.count)

        let centreSpec = try StemAudio.spectrogram(centre)
        let sidesSpec = try StemAudio.spectrogram(Synth.mix(left, right))
        let centreRegion = StemAudio.region(where: centreSpec, dominates: sidesSpec)
        let sideRegion = StemAudio.region(where: sidesSpec, dominates: centreSpec)
        func ratio(_ l: [Float], _ r: [Float]) throws -> Double {
            let spec = try StemAudio.spectrogram(Synth.mix(l, r))
            return StemAudio.decibels(StemAudio.energy(spec, in: centreRegion) / StemAudio.energy(spec, in: sideRegion))
        }
        let mixRatio = try ratio(mixLeft, mixRight), stemRatio = try ratio(wav.channels[0], wav.channels[1])
        print(String(format: "local separator vocal: centre-to-sides %.1f dB in the mix, %.1f dB in the vocal stem",
                     mixRatio, stemRatio))
        #expect(stemRatio - mixRatio >= 10, "centre-to-sides improvement \(stemRatio - mixRatio) dB")
    }

    @Test func monoMaterialGetsDrumsButNoVocal() async throws {
        let scratch = Scratch("stems-mono")
        let mix = Synth.mix(Synth.drums(bpm: 100, seconds: 3), Self.pad(seconds: 3))
        let error = await #expect(throws: SampleTokError.self) {
            _ = try await separate(mix, mix, stems: [.vocal, .drum], in: scratch)
        }
        #expect(error?.code == "stems.unsupported")
        #expect(error?.message.contains("mono") == true)
        #expect(scratch.contents("stems").isEmpty, "nothing is left behind")

        let files = try await separate(mix, mix, stems: [.drum], in: scratch)
        let wav = try WAVFile(path: try #require(files[.drum]).path)
        #expect(wav.frameCount == mix.count)
    }

    @Test func silenceGivesSilentStems() async throws {
        let scratch = Scratch("stems-silence")
        let silence = [Float](repeating: 0, count: 2 * 48_000)
        let files = try await separate(silence, silence, stems: [.drum, .bass, .vocal], in: scratch)
        #expect(Set(files.keys) == [.drum, .bass, .vocal])
        for file in files.values {
            let wav = try WAVFile(path: file.path)
            #expect(wav.frameCount == silence.count)
            #expect(wav.channels.allSatisfy { $0.allSatisfy { $0 == 0 } })
        }
    }

    @Test func typesThatNeedALearnedModelAreRefused() async throws {
        #expect(separator.support(for: .drum) == .supported)
        for type in [StemType.vocal, .bass] {
            guard case .estimate = separator.support(for: type) else { Issue.record("\(type) is an estimate"); continue }
        }
        for type in [StemType.voice, .piano, .electricGuitar, .acousticGuitar, .synthesizer, .strings, .wind] {
            guard case .unsupported(let reason) = separator.support(for: type) else {
                Issue.record("\(type) should be unsupported")
                continue
            }
            #expect(reason.contains("LALAL.AI"))
        }
        let scratch = Scratch("stems-unsupported")
        let tone = Self.pad(seconds: 1)
        let error = await #expect(throws: SampleTokError.self) {
            _ = try await separate(tone, tone, stems: [.drum, .piano], in: scratch)
        }
        #expect(error?.code == "stems.unsupported")
        #expect(error?.message.contains("piano") == true)
        #expect(scratch.contents("stems").isEmpty)
    }

    @Test func aFileThatIsNotAudioIsAClearError() async throws {
        let scratch = Scratch("stems-bad")
        let path = scratch.path("junk.wav")
        try Data("not audio at all".utf8).write(to: URL(fileURLWithPath: path))
        let error = await #expect(throws: SampleTokError.self) {
            _ = try await separator.separate(source: URL(fileURLWithPath: path), stems: [.drum],
                                             into: scratch.url.appendingPathComponent("stems")) { _, _ in }
        }
        #expect(error?.code.hasPrefix("media.") == true)
    }
}
