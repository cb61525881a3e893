import Model

/// The evaluation conventions of MIREX for key and tempo estimates.
public enum AnalysisScoring {
    /// The MIREX weighted key score of `estimate` against `truth`: same key 1.0, a perfect fifth
    /// either way in the same mode 0.5, relative major/minor 0.3, parallel major/minor 0.2, else 0.
    public static func keyScore(_ estimate: MusicalKey?, truth: MusicalKey) -> Double {
        guard let estimate else { return 0 }
        if estimate == truth { return 1 }
        if estimate.scale == truth.scale {
            let interval = ((estimate.tonic.rawValue - truth.tonic.rawValue) % 12 + 12) % 12
            return interval == 7 || interval == 5 ? 0.5 : 0
        }
        if estimate == truth.relative { return 0.3 }
        if estimate.tonic == truth.tonic { return 0.2 }
        return 0
    }

    /// Accuracy1: the estimate is within ±4 % of the true tempo.
    public static func tempoAccuracy1(_ estimate: Double, truth: Double) -> Bool {
        truth > 0 && abs(estimate / truth - 1) <= 0.04
    }

    /// Accuracy2: the estimate is within ±4 % of the true tempo times 1/3, 1/2, 1, 2 or 3.
    public static func tempoAccuracy2(_ estimate: Double, truth: Double) -> Bool {
        [1.0 / 3, 0.5, 1, 2, 3].contains { tempoAccuracy1(estimate, truth: truth * $0) }
    }
}
