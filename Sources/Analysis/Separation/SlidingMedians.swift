/// Many running medians of a fixed odd window length at once, one per lane (a frequency bin,
/// for the median across time). Each lane keeps its window sorted, so replacing the oldest
/// value by the newest and reading the median costs O(length) without any allocation.
struct SlidingMedians {
    /// The values in each window (odd).
    let length: Int
    /// The number of independent windows.
    let lanes: Int
    private var sorted: [Float]

    /// Creates `lanes` windows of `length` zeros (the silence before the signal starts).
    init(lanes: Int, length: Int) {
        precondition(length > 0 && length % 2 == 1, "the median window must be odd")
        self.lanes = lanes
        self.length = length
        sorted = [Float](repeating: 0, count: lanes * length)
    }

    /// Replaces `old` (a value in the window of `lane`) by `new`.
    mutating func replace(lane: Int, old: Float, new: Float) {
        let length = self.length
        sorted.withUnsafeMutableBufferPointer { all in
            let base = lane * length
            var i = 0
            while i < length - 1, all[base + i] != old { i += 1 }
            if new >= all[base + i] {
                while i + 1 < length, all[base + i + 1] < new {
                    all[base + i] = all[base + i + 1]
                    i += 1
                }
            } else {
                while i > 0, all[base + i - 1] > new {
                    all[base + i] = all[base + i - 1]
                    i -= 1
                }
            }
            all[base + i] = new
        }
    }

    /// The median of the window of `lane`.
    func median(lane: Int) -> Float { sorted[lane * length + length / 2] }
}

extension SlidingMedians {
    /// The median of each bin of `values` over its `length` neighbours across the array
    /// (zeros beyond the ends), written into `result`: the median across frequency.
    static func filter(_ values: [Float], length: Int, into result: inout [Float]) {
        var window = SlidingMedians(lanes: 1, length: length)
        let half = length / 2
        let count = values.count
        if result.count != count { result = [Float](repeating: 0, count: count) }
        // The window centred on bin k holds values[k - half ... k + half]; it enters bin k + half
        // and drops bin k - half - 1.
        for k in 0..<(count + half) {
            let incoming: Float = k < count ? values[k] : 0
            let outgoingIndex = k - length
            let outgoing: Float = outgoingIndex >= 0 ? values[outgoingIndex] : 0
            window.replace(lane: 0, old: outgoing, new: incoming)
            if k >= half { result[k - half] = window.median(lane: 0) }
        }
    }
}
