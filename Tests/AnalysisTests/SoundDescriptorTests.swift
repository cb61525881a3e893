import Analysis
import Foundation
import Media
import Model
import SignalTestSupport
import Testing

/// The sound descriptor the analysis pass makes: fixed length and version, finite for any
/// input, independent of how the stream is cut into buffers, and transposition-invariant in its
/// tonality part.
@Suite("sound descriptor")
struct SoundDescriptorTests {
    /// The descriptor of mono audio, fed in buffers of `size` samples.
    static func descriptor(_ audio: [Float], buffer size: Int = 8192) throws -> SoundDescriptor {
        try #require(try Synth.finishedSink(left: audio, right: audio, buffer: size).descriptor)
    }

    static func distance(_ a: ArraySlice<Float>, _ b: ArraySlice<Float>) -> Float {
        zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }

    @Test("silence, a few samples and noise give a current descriptor of finite values; stored bytes read back the same")
    func currentAndFinite() throws {
        for audio in [[Float](repeating: 0, count: 48_000), [0.5, -0.5, 0.25], Synth.whiteNoise(seconds: 2)] {
            let descriptor = try Self.descriptor(audio)
            #expect(descriptor.isCurrent, "\(descriptor.values)")
            #expect(descriptor.values.count == SoundDescriptor.length)
            #expect(SoundDescriptor(stored: descriptor.stored) == descriptor)
        }
        #expect(SoundDescriptor(stored: Data([1, 3, 0])) == nil, "a length that does not match the bytes")
    }

    @Test("the buffer sizes do not change the descriptor")
    func bufferSizes() throws {
        let audio = Synth.mix(Synth.drums(bpm: 96, seconds: 6), Synth.progression(.init(tonic: .d, scale: .minor), seconds: 6))
        let reference = try Self.descriptor(audio)
        for size in [1000, 4801] {
            let other = try Self.descriptor(audio, buffer: size)
            #expect(Self.distance(other.values[...], reference.values[...]) < 1e-3)
        }
    }

    @Test("the same progression in another key: the tonality part matches; another mode does not")
    func transposedTonality() throws {
        let group = DescriptorGroup.tonality
        let c = try Self.descriptor(Synth.progression(.init(tonic: .c, scale: .major))).values(of: group)
        let e = try Self.descriptor(Synth.progression(.init(tonic: .e, scale: .major))).values(of: group)
        let cMinor = try Self.descriptor(Synth.progression(.init(tonic: .c, scale: .minor))).values(of: group)
        let transposed = Self.distance(c, e), otherMode = Self.distance(c, cMinor)
        #expect(transposed < 0.5 * otherMode, "transposed \(transposed), other mode \(otherMode)")
    }
}
