import Foundation
import Model

/// The mask of each stem type the local separator makes, bin by bin, from the harmonic estimate
/// (median across time), the percussive estimate (median across frequency) and the spectrum.
struct StemMasks {
    let settings: LocalSeparatorSettings
    /// Hz per bin.
    let binWidth: Double

    init(settings: LocalSeparatorSettings) {
        self.settings = settings
        binWidth = Double(48_000) / Double(settings.fftSize)
    }

    /// Writes the mask of `type` for one frame into `mask` (0…1 per bin).
    func mask(_ type: StemType, harmonic: [Float], percussive: [Float], spectrum: StereoSpectrum,
              into mask: inout [Float]) {
        let bins = spectrum.bins
        if mask.count != bins { mask = [Float](repeating: 0, count: bins) }
        switch type {
        case .drum:
            let beta = settings.percussiveMargin
            for k in 0..<bins { mask[k] = percussive[k] > beta * harmonic[k] ? 1 : 0 }
        case .vocal:
            let beta = settings.harmonicMargin
            let low = Int((settings.vocalBand.lowerBound / binWidth).rounded(.up))
            let high = min(bins - 1, Int(settings.vocalBand.upperBound / binWidth))
            for k in 0..<bins {
                guard k >= low, k <= high, harmonic[k] > beta * percussive[k] else { mask[k] = 0; continue }
                mask[k] = pow(spectrum.centreCoherence(k), settings.centreSharpness)
            }
        case .bass:
            let beta = settings.harmonicMargin
            for k in 0..<bins {
                let frequency = Double(k) * binWidth
                let band = min(1, max(0, 1 - (frequency - settings.bassCutoff) / settings.bassFade))
                mask[k] = k > 0 && harmonic[k] > beta * percussive[k] ? Float(band) : 0
            }
        default:
            for k in 0..<bins { mask[k] = 0 }
        }
    }
}
