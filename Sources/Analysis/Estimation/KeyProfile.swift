/// A published key profile: the expected weight of each pitch class, from the tonic up,
/// in a major and in a minor key.
struct KeyProfile: Sendable {
    /// A short name for diagnostics.
    let name: String
    /// Weights of the 12 pitch classes above a major tonic.
    let major: [Double]
    /// Weights of the 12 pitch classes above a minor tonic.
    let minor: [Double]

    /// Temperley's profile from the Kostka–Payne corpus (Temperley 2005): the primary profile.
    static let temperley = KeyProfile(
        name: "temperley",
        major: [0.748, 0.060, 0.488, 0.082, 0.670, 0.460, 0.096, 0.715, 0.104, 0.366, 0.057, 0.400],
        minor: [0.712, 0.084, 0.474, 0.618, 0.049, 0.460, 0.105, 0.747, 0.404, 0.067, 0.133, 0.330])

    /// Krumhansl and Kessler's probe-tone ratings (1982).
    static let krumhansl = KeyProfile(
        name: "krumhansl",
        major: [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88],
        minor: [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17])

    /// Faraldo's `bgate` profile (Faraldo et al. 2016, as in Essentia's KeyExtractor default).
    static let bgate = KeyProfile(
        name: "bgate",
        major: [1.00, 0.00, 0.42, 0.00, 0.53, 0.37, 0.00, 0.77, 0.00, 0.38, 0.21, 0.30],
        minor: [1.00, 0.00, 0.36, 0.39, 0.00, 0.38, 0.00, 0.74, 0.27, 0.00, 0.42, 0.23])

    /// Faraldo's `edma` profile for electronic dance music (Faraldo et al. 2016, Essentia).
    static let edma = KeyProfile(
        name: "edma",
        major: [0.16519551, 0.04749026, 0.08293076, 0.06687112, 0.09994645, 0.09274123,
                0.05294487, 0.13159476, 0.05218986, 0.07443653, 0.06940723, 0.0642515],
        minor: [0.17235348, 0.05336489, 0.0761009, 0.10043649, 0.05621498, 0.08527853,
                0.0497915, 0.13451001, 0.07458916, 0.05003023, 0.09187879, 0.05545106])

    /// Shaath's profile from libKeyFinder.
    static let shaath = KeyProfile(
        name: "shaath",
        major: [6.6, 2.0, 3.5, 2.3, 4.6, 4.0, 2.5, 5.2, 2.4, 3.7, 2.3, 3.4],
        minor: [6.5, 2.7, 3.5, 5.4, 2.6, 3.5, 2.5, 5.2, 4.0, 2.7, 4.3, 3.2])

    /// The profiles that check the primary one: their agreement feeds the key confidence.
    static let reviewers: [KeyProfile] = [.krumhansl, .bgate, .edma, .shaath]

    /// Pearson correlations of `chroma` (12 values from C) with the profile rotated to each of
    /// the 24 keys, in `MusicalKey.all` order (majors C…B, then minors C…B).
    func correlations(with chroma: [Double]) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(24)
        for weights in [major, minor] {
            for tonic in 0..<12 {
                let rotated = (0..<12).map { weights[(($0 - tonic) % 12 + 12) % 12] }
                result.append(Self.pearson(chroma, rotated))
            }
        }
        return result
    }

    /// The Pearson correlation of two vectors of equal length; 0 when either is constant.
    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in 0..<x.count {
            let dx = x[i] - mx, dy = y[i] - my
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return 0 }
        return sxy / (sxx * syy).squareRoot()
    }
}
