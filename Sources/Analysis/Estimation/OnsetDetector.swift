import Media

/// Turns the 12 kHz mono stream into an onset-strength envelope: the half-wave rectified
/// spectral flux of log-compressed magnitudes, `Σₖ max(0, log(1+γ|Xₜ(k)|) − log(1+γ|Xₜ₋₁(k)|))`,
/// over 30 Hz–5 kHz, from 1024-point frames every 256 samples (46.9 frames per second).
///
/// Bin-wise (not band-wise) flux also sees the note changes of legato, drumless music.
/// The same rises summed over two drum bands give the kick (30–150 Hz) and snare (1.2–5 kHz)
/// envelopes that `Backbeat` compares.
final class OnsetDetector {
    /// Samples per analysis frame at 12 kHz.
    static let frameSize = 1024
    /// Samples between frames.
    static let hop = 256
    /// Envelope values per second.
    static let frameRate = Decimator.outputRate / Double(hop)
    /// The log compression constant γ, applied to amplitudes where 1.0 is a full-scale sinusoid.
    private static let compression: Float = 100

    private let fft: RealFFT
    private let window = HannWindow.make(frameSize)
    private let lowBin = bin(atOrAbove: 30)
    /// First bin above the kick band (30–150 Hz).
    private let kickEnd = bin(atOrAbove: 150)
    /// First bin of the snare band (1.2–5 kHz).
    private let snareStart = bin(atOrAbove: 1_200)
    private let highBin = Int(5_000.0 * Double(frameSize) / Decimator.outputRate)
    /// The power spectrum of the frame analysed last (the timbre frames read it).
    private(set) var power: [Float]
    private var previous: [Float]
    private var current: [Float]
    private var hasPrevious = false
    /// The onset strength of every frame so far (30 Hz–5 kHz).
    private(set) var envelope: [Float] = []
    /// The onset strength in the kick band (30–150 Hz) of every frame so far.
    private(set) var kick: [Float] = []
    /// The onset strength in the snare band (1.2–5 kHz) of every frame so far.
    private(set) var snare: [Float] = []
    /// The sum of `envelope` so far.
    private var totalRise = 0.0
    /// The sum over frames of the log magnitudes of 30 Hz–5 kHz (the level the rises are part of).
    private var totalLevel = 0.0

    /// How much of the log-magnitude spectrum is new from one frame to the next, on average:
    /// the summed rises over the summed levels (0 for silence). Music with notes or hits renews
    /// 8–26 % of it per frame (dev set); a sustained tone well under 1 %, its only "onsets" being
    /// the frame-to-frame ripple of a stationary spectrum.
    var novelty: Double { totalLevel > 0 ? totalRise / totalLevel : 0 }

    init() throws(MediaError) {
        fft = try RealFFT(size: Self.frameSize)
        power = [Float](repeating: 0, count: Self.frameSize / 2 + 1)
        previous = [Float](repeating: 0, count: Self.frameSize / 2 + 1)
        current = previous
    }

    private static func bin(atOrAbove frequency: Double) -> Int {
        Int((frequency * Double(frameSize) / Decimator.outputRate).rounded(.up))
    }

    /// Analyses one frame of `frameSize` samples starting at `samples[start]`.
    func analyze(_ samples: UnsafeBufferPointer<Float>, at start: Int) {
        window.withUnsafeBufferPointer { fft.powerSpectrum(samples, from: start, windowedBy: $0, into: &power) }
        let kickRise = rise(bins: lowBin..<kickEnd)
        let middleRise = rise(bins: kickEnd..<snareStart)
        let snareRise = rise(bins: snareStart..<(highBin + 1))
        let first = !hasPrevious
        if !first {
            totalRise += Double(kickRise.rise + middleRise.rise + snareRise.rise)
            totalLevel += Double(kickRise.level + middleRise.level + snareRise.level)
        }
        envelope.append(first ? 0 : kickRise.rise + middleRise.rise + snareRise.rise)
        kick.append(first ? 0 : kickRise.rise)
        snare.append(first ? 0 : snareRise.rise)
        hasPrevious = true
        swap(&previous, &current)
    }

    /// Stores the log magnitudes of `bins` in `current` and returns their summed rise over
    /// `previous` and their sum.
    private func rise(bins: Range<Int>) -> (rise: Float, level: Float) {
        let scale = Self.compression * 4 / Float(Self.frameSize)
        var flux: Float = 0
        var level: Float = 0
        power.withUnsafeBufferPointer { p in
            current.withUnsafeMutableBufferPointer { c in
                previous.withUnsafeBufferPointer { q in
                    guard let pBase = p.baseAddress, let cBase = c.baseAddress, let qBase = q.baseAddress else { return }
                    let pr = UnsafeRawPointer(pBase), qr = UnsafeRawPointer(qBase), cr = UnsafeMutableRawPointer(cBase)
                    let stride = MemoryLayout<Float>.stride
                    let one = SIMD8<Float>(repeating: 1)
                    var rise = SIMD8<Float>()
                    var sum = SIMD8<Float>()
                    var k = bins.lowerBound
                    while k + 8 <= bins.upperBound {
                        let magnitude = FastMath.squareRoot(pr.loadUnaligned(fromByteOffset: k * stride, as: SIMD8<Float>.self))
                        let v = FastMath.log2(one + scale * magnitude)
                        cr.storeBytes(of: v, toByteOffset: k * stride, as: SIMD8<Float>.self)
                        let d = v - qr.loadUnaligned(fromByteOffset: k * stride, as: SIMD8<Float>.self)
                        rise += d.replacing(with: 0, where: d .< 0)
                        sum += v
                        k += 8
                    }
                    flux = rise.sum()
                    level = sum.sum()
                    while k < bins.upperBound {
                        let v = FastMath.log2(1 + scale * p[k].squareRoot())
                        c[k] = v
                        flux += max(0, v - q[k])
                        level += v
                        k += 1
                    }
                }
            }
        }
        return (flux, level)
    }
}
