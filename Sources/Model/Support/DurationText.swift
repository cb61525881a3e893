/// Durations and positions as people read them, the same in the app, the CLI and error messages:
/// `m:ss` (`h:mm:ss` from an hour), rounded to the nearest second (half a second up), so a
/// 2.6 s clip reads `0:03` everywhere and a position at its end reads the same as its length.
public enum DurationText {
    /// `0:03`, `1:05`, `1:02:07`; `unknown` when there is no (finite, non-negative) time.
    public static func clock(_ seconds: Double?, unknown: String = "-:--") -> String {
        guard let whole = wholeSeconds(seconds) else { return unknown }
        let (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60)
        if hours > 0 { return "\(hours):\(twoDigits(minutes)):\(twoDigits(rest))" }
        return "\(whole / 60):\(twoDigits(rest))"
    }

    /// `0:02.50`, `1:05.25`: a mark's time to the hundredth (loop regions); `unknown` as `clock`.
    public static func precise(_ seconds: Double?, unknown: String = "-:--") -> String {
        guard let seconds, seconds.isFinite, seconds >= 0, seconds < Double(Int.max / 200) else { return unknown }
        let hundredths = Int((seconds * 100).rounded())
        let (minutes, rest) = (hundredths / 6000, hundredths % 6000)
        return "\(minutes):\(twoDigits(rest / 100)).\(twoDigits(rest % 100))"
    }

    /// The one rounding rule: to the nearest second, halves up; nil for no time, a negative or
    /// an infinite one.
    public static func wholeSeconds(_ seconds: Double?) -> Int? {
        guard let seconds, seconds.isFinite, seconds >= 0, seconds < Double(Int.max / 2) else { return nil }
        return Int(seconds.rounded(.toNearestOrAwayFromZero))
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
