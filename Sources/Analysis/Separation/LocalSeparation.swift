import Media
import Model

/// One run of the offline separator over a stream: STFT, harmonic/percussive median filtering,
/// a mask per stem, inverse STFT, into one `AudioSink` per stem.
///
/// It streams: it holds a few frames of spectra (the median across time looks
/// `harmonicKernel / 2` frames ahead) and a little output, so its memory does not grow with the
/// length of the file. Each output has exactly the input's length and alignment.
public final class LocalSeparation {
    private let settings: LocalSeparatorSettings
    private let masks: StemMasks
    private let analyzer: SpectrumAnalyzer
    private let outputs: [(type: StemType, synthesis: OverlapAdd, sink: any AudioSink)]
    private var timeMedians: SlidingMedians
    /// The magnitudes of the last `harmonicKernel` frames (ring), to drop from the medians.
    private var magnitudeRing: [[Float]]
    /// The spectra and percussive estimates of the last `harmonicKernel / 2 + 1` frames (ring).
    private var spectrumRing: [StereoSpectrum]
    private var percussiveRing: [[Float]]
    private var magnitudes: [Float]
    private var harmonic: [Float]
    private var mask: [Float]
    private var analyzed = 0
    /// Input samples pushed so far.
    private var inputFrames = 0
    /// Output samples handed to the sinks so far (the same for every sink).
    private var delivered = 0
    /// Leading output samples that belong to the analyzer's padding.
    private var padding: Int

    /// Prepares a separation of `outputs` (each stem and the sink its audio goes to).
    public init(settings: LocalSeparatorSettings, outputs: [(StemType, any AudioSink)]) throws(MediaError) {
        self.settings = settings
        masks = StemMasks(settings: settings)
        analyzer = try SpectrumAnalyzer(fftSize: settings.fftSize, hop: settings.hop)
        var made: [(type: StemType, synthesis: OverlapAdd, sink: any AudioSink)] = []
        for (type, sink) in outputs {
            made.append((type, try OverlapAdd(fftSize: settings.fftSize, hop: settings.hop), sink))
        }
        self.outputs = made
        let bins = settings.fftSize / 2 + 1
        timeMedians = SlidingMedians(lanes: bins, length: settings.harmonicKernel)
        magnitudeRing = [[Float]](repeating: [Float](repeating: 0, count: bins), count: settings.harmonicKernel)
        let lookahead = settings.harmonicKernel / 2 + 1
        spectrumRing = [StereoSpectrum](repeating: StereoSpectrum(bins: bins), count: lookahead)
        percussiveRing = [[Float]](repeating: [Float](repeating: 0, count: bins), count: lookahead)
        magnitudes = [Float](repeating: 0, count: bins)
        harmonic = magnitudes
        mask = magnitudes
        padding = settings.fftSize - settings.hop
    }

    /// Separates the next buffer of the stream.
    public func push(_ buffer: AudioBuffer) throws {
        inputFrames += buffer.frameCount
        try analyzer.push(left: buffer.left, right: buffer.right) { try analyze($0) }
        try deliver(final: false)
    }

    /// Separates the rest of the stream and finishes every sink.
    public func finish() throws {
        let silence = [Float](repeating: 0, count: settings.hop)
        while delivered < inputFrames {
            try analyzer.push(left: silence, right: silence) { try analyze($0) }
            try deliver(final: true)
        }
        for output in outputs { try output.sink.finish() }
    }

    /// Cancels every sink.
    public func cancel() {
        for output in outputs { output.sink.cancel() }
    }

    private func analyze(_ spectrum: StereoSpectrum) throws {
        let bins = spectrum.bins
        let kernel = settings.harmonicKernel
        let lookahead = spectrumRing.count
        spectrum.magnitudes(into: &magnitudes)
        let slot = analyzed % kernel
        for k in 0..<bins {
            timeMedians.replace(lane: k, old: magnitudeRing[slot][k], new: magnitudes[k])
        }
        magnitudeRing[slot] = magnitudes
        spectrumRing[analyzed % lookahead] = spectrum
        SlidingMedians.filter(magnitudes, length: settings.percussiveKernel, into: &percussiveRing[analyzed % lookahead])
        analyzed += 1

        // The time median is now centred on the frame `kernel / 2` back.
        let centre = analyzed - 1 - kernel / 2
        guard centre >= 0 else { return }
        for k in 0..<bins { harmonic[k] = timeMedians.median(lane: k) }
        let frame = spectrumRing[centre % lookahead]
        let percussive = percussiveRing[centre % lookahead]
        for output in outputs {
            masks.mask(output.type, harmonic: harmonic, percussive: percussive, spectrum: frame, into: &mask)
            output.synthesis.add(frame, mask: mask)
        }
    }

    /// Hands completed output to the sinks, in blocks of at least 8192 samples unless `final`.
    private func deliver(final: Bool) throws {
        guard let ready = outputs.first?.synthesis.ready, final || ready >= 8192 else { return }
        let skipped = min(padding, ready)
        let count = min(ready - skipped, inputFrames - delivered)
        for output in outputs {
            _ = output.synthesis.take(limit: skipped)
            let samples = output.synthesis.take(limit: count)
            if count > 0 { try output.sink.consume(AudioBuffer(left: samples.left, right: samples.right)) }
        }
        padding -= skipped
        delivered += count
    }
}
