import Foundation

/// Wall and CPU time of this process, for stage timings and benchmarks.
public struct ProcessClock: Sendable {
    /// Seconds on a monotonic clock.
    public static func wall() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }

    /// CPU seconds (user + system) used so far by every thread of this process.
    public static func cpu() -> Double { cpu(of: RUSAGE_SELF.rawValue) }

    /// CPU seconds used so far by the children this process waited for.
    public static func childrenCPU() -> Double { cpu(of: RUSAGE_CHILDREN.rawValue) }

    private static func cpu(of who: __rusage_who_t) -> Double {
        var usage = rusage()
        getrusage(who, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
