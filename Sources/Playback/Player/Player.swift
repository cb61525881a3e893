import Foundation
import Media
import Model

/// Plays samples: fetches the HLS playlist, decodes its segments with `Media` and writes the
/// audio to an `AudioOutput` on a thread of its own. A new `play` stops the old sound at once
/// (what is buffered is flushed); seeking restarts at the segment that holds the time and skips
/// inside it. The position comes from the audio clock: frames written minus the output's latency.
/// Pause keeps the position that was heard and drops what was buffered; resume plays again from
/// that position (the segments are cached), so nothing is skipped or repeated.
public final class Player: @unchecked Sendable {
    /// Audio is written in pieces of this many frames (about 11 ms): a write blocks until its
    /// piece fits in the device buffer, and stop, pause and seek wait for the write in progress.
    static let pieceFrames = 512

    private let output: AudioOutput
    private let fetcher: SegmentFetcher
    /// What the sessions share: which is current (a play, seek or pause starts a new one), the
    /// status, where the current one started and the frames it has written.
    private struct Session {
        var current = 0
        var snapshot = PlayerStatus()
        var base = 0.0
        var written = 0
        /// The frames of the loop's region, once its first pass was decoded.
        var loopFrames: Int?
        /// How the sessions from now on bend the sound to a session's tempo and key.
        var sync: PlaybackSync?

        /// Where playback is by the audio clock: frames written minus what the output holds, from
        /// `base`; in a loop, wrapped into its region.
        func heard(latency: Double) -> Double {
            // Stretched sound covers the source at its own pace.
            let seconds = (Double(written) / Double(AudioBuffer.sampleRate) - latency) / (snapshot.sync?.timeRatio ?? 1)
            guard let loop = snapshot.loop, seconds > 0 else { return max(base, base + seconds) }
            let length = loopFrames.map { Double($0) / Double(AudioBuffer.sampleRate) } ?? loop.length
            return loop.start + (base - loop.start + seconds).truncatingRemainder(dividingBy: length)
        }
    }

    private let session = Locked(Session())
    /// Held across each device write, so a pause reads the clock between two writes.
    private let writing = Locked(())
    /// The sessions' threads: one waits parked, so a play makes no thread.
    private let threads = SessionThreads()
    /// A stretcher made ahead for the sync set (made, with its start pad fed, on a thread of its
    /// own when the sync is set and after each synced play takes one), so a synced play does
    /// not pay for it on the key press.
    private let prepared = Locked<TimeStretcher?>(nil)

    /// A player writing to `output`, fetching through `fetcher`; it starts with a thread parked
    /// for its first play.
    public init(output: AudioOutput, fetcher: SegmentFetcher = SegmentFetcher()) {
        self.output = output
        self.fetcher = fetcher
    }

    deinit { threads.close() }

    /// The player's state, position (from the audio clock), duration and volume.
    public var status: PlayerStatus {
        let latency = output.latency
        var status = session.withLock { shared in
            var snapshot = shared.snapshot
            if snapshot.state == .playing { snapshot.position = shared.heard(latency: latency) }
            return snapshot
        }
        status.isStruggling = output.isStruggling
        return status
    }

    /// Fetches the playlist and first segment of `item` ahead of `play`, in the background
    /// (when the cursor rests on a sample).
    public func preload(_ item: PlaybackItem) {
        Thread.detachNewThread { [self] in try? prepare(item) }
    }

    /// Fetches the playlist, init section and first segment of an HLS `item` into the cache now,
    /// blocking the calling thread (`preload` does it on a thread of its own).
    public func prepare(_ item: PlaybackItem) throws(PlaybackError) {
        guard case .hls(let url) = item else { return }
        let playlist = try HLSPlaylist(parsing: String(decoding: try fetcher.data(url), as: UTF8.self), base: url)
        if let initURL = playlist.initSection { _ = try fetcher.data(initURL) }
        if let first = playlist.segments.first { _ = try fetcher.data(first.url) }
    }

    /// Plays `item` from `start` seconds, stopping what was playing. With `loop`, the region
    /// repeats sample-exactly, with no gap at the seam (heard from `start` when it is inside the
    /// region, else from the region's start): `times` passes in all, or until stopped.
    public func play(_ item: PlaybackItem, from start: Double = 0, loop: LoopRegion? = nil, times: Int? = nil) {
        play(item, from: start, duration: nil, loop: loop, times: times)
    }

    /// Plays `item` from `start`; `duration` is what is already known of it (on seek and resume).
    private func play(_ item: PlaybackItem, from start: Double, duration: Double?, loop: LoopRegion?, times: Int? = nil) {
        let start = loop?.clamp(start) ?? start
        let number = session.withLock { shared in
            shared.current += 1
            shared.snapshot = PlayerStatus(state: .loading, item: item, position: start, duration: duration, volume: shared.snapshot.volume,
                                           loop: loop, sync: shared.sync)
            shared.base = start
            shared.written = 0
            shared.loopFrames = nil
            return shared.current
        }
        output.flush()
        let began = ProcessInfo.processInfo.systemUptime
        threads.run { [self] in run(number, item, from: start, loop: loop, times: times, began: began) }
    }

    /// Bends every play from now on to a session's tempo and key (nil: the original); what
    /// plays goes on from where it is with the new sync.
    public func setSync(_ sync: PlaybackSync?) {
        let status = self.status
        session.withLock { $0.sync = sync }
        prepareStretcher(for: sync)
        guard status.sync != sync, let item = status.item, status.state == .playing || status.state == .loading else { return }
        play(item, from: status.position, duration: status.duration, loop: status.loop)
    }

    /// Makes a stretcher for `sync` ahead, on a thread of its own (none for nil).
    private func prepareStretcher(for sync: PlaybackSync?) {
        prepared.withLock { $0 = nil }
        guard let sync else { return }
        Thread.detachNewThread { [self] in
            guard let made = TimeStretcher(sync) else { return }
            prepared.withLock { spare in
                if spare == nil, session.withLock({ $0.sync }) == sync { spare = made }
            }
        }
    }

    /// A stretcher for `sync`: the one made ahead when it is for that sync (another is then made
    /// ahead for the next play), else a new one.
    private func stretcher(for sync: PlaybackSync) -> TimeStretcher? {
        let spare = prepared.withLock { spare -> TimeStretcher? in
            defer { spare = nil }
            return spare?.sync == sync ? spare : nil
        }
        prepareStretcher(for: sync)
        return spare ?? TimeStretcher(sync)
    }

    /// Loops `region` of what is loaded from where it is (or its region's start), or, with nil,
    /// lets it play on to its end from where it is; nothing happens when nothing is loaded.
    public func setLoop(_ region: LoopRegion?) {
        let status = self.status
        guard let item = status.item, status.state != .failed else { return }
        switch status.state {
        case .paused: session.withLock { shared in
            shared.snapshot.loop = region
            if let region { shared.snapshot.position = region.clamp(shared.snapshot.position) }
        }
        case .ended, .stopped: play(item, from: region?.start ?? 0, duration: status.duration, loop: region)
        default: play(item, from: status.position, duration: status.duration, loop: region)
        }
    }

    /// Stops and forgets the item; buffered sound is dropped.
    public func stop() {
        session.withLock { shared in
            shared.current += 1
            shared.snapshot.state = .stopped
            shared.snapshot.item = nil
        }
        output.flush()
    }

    /// Pauses, or resumes when paused; plays the item again when it ended.
    public func togglePause() {
        let status = self.status
        switch status.state {
        case .playing, .loading: pause()
        case .paused: if let item = status.item { play(item, from: status.position, duration: status.duration, loop: status.loop) }
        case .ended, .failed, .stopped: if let item = status.item { play(item, from: status.loop?.start ?? 0, duration: nil, loop: status.loop) }
        }
    }

    /// Moves playback by `delta` seconds (clamped to the item); when paused, only the position moves.
    public func seek(by delta: Double) {
        let status = self.status
        seek(status, to: status.position + delta)
    }

    /// Moves playback to `time` seconds from the start (clamped to the item), as `seek(by:)` does:
    /// when paused, only the position moves.
    public func seek(to time: Double) {
        seek(status, to: time)
    }

    private func seek(_ status: PlayerStatus, to time: Double) {
        guard let item = status.item else { return }
        var target = min(max(0, time), max(0, (status.duration ?? .infinity) - 0.05))
        if let loop = status.loop { target = loop.clamp(target) }
        if status.state == .paused {
            session.withLock { shared in
                if shared.snapshot.state == .paused { shared.snapshot.position = target }
            }
        } else {
            play(item, from: target, duration: status.duration, loop: status.loop)
        }
    }

    /// Sets the gain (0–1.5).
    public func setVolume(_ volume: Double) {
        session.withLock { $0.snapshot.volume = min(1.5, max(0, volume)) }
    }

    /// Ends the playing session, keeping the position heard when the sound stops, for resume.
    /// Taking the writing lock waits for a write in progress (and its count), so the clock read
    /// just before the flush is exactly what the listener heard.
    private func pause() {
        writing.withLock { _ in
            let paused = session.withLock { shared in
                guard shared.snapshot.state == .playing || shared.snapshot.state == .loading else { return false }
                shared.current += 1
                shared.snapshot.state = .paused
                shared.snapshot.position = shared.heard(latency: output.latency)
                return true
            }
            if paused { output.flush() }
        }
    }

    private struct Superseded: Error {}

    private func run(_ number: Int, _ item: PlaybackItem, from start: Double, loop: LoopRegion?, times: Int?, began: Double) {
        let clock = { ProcessInfo.processInfo.systemUptime }
        var parts = FirstAudioParts(handoff: clock() - began)
        do {
            // A loop decodes its region from the start (kept for the passes after the first)
            // and is heard from `start`.
            let rate = AudioBuffer.sampleRate
            let region = loop?.frames(at: rate)
            let decodeFrom = loop?.start ?? start
            var skip = loop.map { Int((($0.clamp(start) - $0.start) * Double(rate)).rounded()) } ?? 0
            var mark = clock()
            let opened = try open(item, from: decodeFrom)
            var (source, name) = (opened.0, opened.2)
            let duration = opened.1
            parts.playlist = clock() - mark
            update(number) { $0.duration = duration }
            var kept: LoopFrames?
            var pass = 0
            mark = clock()
            let stretcher = session.withLock { $0.current == number ? $0.snapshot.sync : nil }.flatMap(stretcher(for:))
            var stretching = clock() - mark
            /// Writes frames, through the stretcher when the sound is synced.
            func emit(_ left: ArraySlice<Float>, _ right: ArraySlice<Float>, parts: FirstAudioParts?) throws {
                guard let stretcher else { return try write(left, right, number, began: began, parts: parts) }
                let fed = clock()
                let bent = stretcher.process(left, right)
                stretching += clock() - fed
                var measured = parts
                measured?.stretch = stretching
                try write(bent.left[...], bent.right[...], number, began: began, parts: measured)
            }
            repeat {
                if let kept {
                    try emit(kept.left[skip...], kept.right[skip...], parts: nil)
                } else {
                    if pass > 0 { (source, _, name) = try open(item, from: decodeFrom) }
                    var capture = region.map { LoopFrames(capacity: $0.count) }
                    let fetches = { (source as? SegmentStream)?.fetchSeconds ?? 0 }
                    mark = clock()
                    let decoder = try AudioDecoder(stream: source, name: name)
                    let fetchedOpening = fetches()
                    if pass == 0 { parts.decoderOpen = clock() - mark - fetchedOpening }
                    mark = clock()
                    var first = pass == 0, decoded = 0
                    // The region's frames (all of the item without a loop), of which those after `skip` are heard.
                    try decoder.run(from: decodeFrom, frames: region?.count ?? .max) { buffer in
                        if first {
                            first = false
                            parts.segments = fetches()
                            parts.firstDecode = clock() - mark - (parts.segments - fetchedOpening)
                        }
                        let from = min(buffer.frameCount, max(0, skip - decoded))
                        capture?.append(buffer)
                        decoded += buffer.frameCount
                        try emit(buffer.left[from...], buffer.right[from...], parts: pass == 0 ? parts : nil)
                    }
                    if let capture, capture.frameCount > 0 {
                        // The region's real length (a file may end before the region does).
                        session.withLock { shared in
                            if shared.current == number { shared.loopFrames = capture.frameCount }
                        }
                        if capture.isKept { kept = capture }
                    }
                    guard decoded > 0 || loop == nil else { throw PlaybackError.decodeFailed("nothing to loop: the region is past the end of the audio") }
                }
                skip = 0
                pass += 1
            } while loop != nil && pass < (times ?? .max)
            if let rest = stretcher?.finish() { try write(rest.left[...], rest.right[...], number, began: began, parts: nil) }
            session.withLock { shared in
                guard shared.current == number else { return }
                // The position shown at the end is the end, not where this session started.
                shared.snapshot.state = .ended
                if let loop {
                    shared.snapshot.position = loop.start + Double(shared.loopFrames ?? 0) / Double(rate)
                } else {
                    shared.snapshot.position = shared.snapshot.duration ?? shared.base + Double(shared.written) / Double(rate)
                }
            }
        } catch is Superseded {
            return
        } catch let error as PlaybackError {
            update(number) { $0.state = .failed; $0.error = error }
        } catch let error as MediaError {
            update(number) { $0.state = .failed; $0.error = .decodeFailed(error.message) }
        } catch {
            update(number) { $0.state = .failed; $0.error = .decodeFailed("\(error)") }
        }
    }

    /// Writes frames to the output in pieces with the gain applied, counting them for the audio
    /// clock; `parts`, on the session's first write, becomes its first-audio breakdown.
    private func write(_ left: ArraySlice<Float>, _ right: ArraySlice<Float>, _ number: Int, began: Double,
                       parts: FirstAudioParts?) throws {
        var offset = left.startIndex
        while offset < left.endIndex {
            let end = min(left.endIndex, offset + Self.pieceFrames)
            guard let gain = gain(number) else { throw Superseded() }
            let piece = AudioBuffer(left: left[offset..<end].map { $0 * Float(gain) },
                                    right: right[offset..<end].map { $0 * Float(gain) })
            try writing.withLock { _ in
                guard isCurrent(number) else { throw Superseded() }
                let handed = ProcessInfo.processInfo.systemUptime - began
                try output.write(piece)
                update(number) { status in
                    if status.firstAudioDelay == nil {
                        status.firstAudioDelay = handed
                        if var measured = parts {
                            measured.firstWrite = ProcessInfo.processInfo.systemUptime - began - handed
                            status.firstAudioParts = measured
                        }
                    }
                    if status.state == .loading { status.state = .playing }
                }
                session.withLock { shared in
                    if shared.current == number { shared.written += end - offset }
                }
            }
            offset = end
        }
    }

    /// What to decode for `item` from `start`: the bytes (from the segment that holds the time;
    /// the decoder drops what is stamped earlier) and the duration.
    private func open(_ item: PlaybackItem, from start: Double) throws(PlaybackError) -> (ByteSource, Double?, String) {
        switch item {
        case .hls(let url):
            let text = String(decoding: try fetcher.data(url), as: UTF8.self)
            let playlist = try HLSPlaylist(parsing: text, base: url)
            // Segment boundaries in the playlist count the encoder's priming; start one AAC frame early.
            let index = playlist.segmentIndex(at: start - 0.05)
            return (SegmentStream(playlist: playlist, from: index, fetcher: fetcher), playlist.duration, url.lastPathComponent)
        case .file(let url):
            return (WholeFile(url, fetcher: fetcher), nil, url.lastPathComponent)
        }
    }

    /// The gain to apply, or nil when another session (a new item, a seek, a pause) took over.
    private func gain(_ number: Int) -> Double? {
        session.withLock { $0.current == number ? $0.snapshot.volume : nil }
    }

    private func isCurrent(_ number: Int) -> Bool {
        session.withLock { $0.current == number }
    }

    private func update(_ number: Int, _ change: (inout PlayerStatus) -> Void) {
        session.withLock { shared in
            if shared.current == number { change(&shared.snapshot) }
        }
    }
}
