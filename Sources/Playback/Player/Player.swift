import Foundation
import Media

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
    private let lock = NSLock()
    private let outputLock = NSLock()
    private var current = 0
    private var snapshot = PlayerStatus()
    private var base = 0.0
    private var written = 0
    /// The sessions' threads: one waits parked, so a play makes no thread.
    private let threads = SessionThreads()

    /// A player writing to `output`, fetching through `fetcher`; it starts with a thread parked
    /// for its first play.
    public init(output: AudioOutput, fetcher: SegmentFetcher = SegmentFetcher()) {
        self.output = output
        self.fetcher = fetcher
    }

    deinit { threads.close() }

    /// The player's state, position (from the audio clock), duration and volume.
    public var status: PlayerStatus {
        lock.lock()
        var status = snapshot
        let frames = written
        let start = base
        lock.unlock()
        if status.state == .playing {
            status.position = max(start, start + Double(frames) / Double(AudioBuffer.sampleRate) - output.latency)
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

    /// Plays `item` from `start` seconds, stopping what was playing.
    public func play(_ item: PlaybackItem, from start: Double = 0) {
        play(item, from: start, duration: nil)
    }

    /// Plays `item` from `start`; `duration` is what is already known of it (on seek and resume).
    private func play(_ item: PlaybackItem, from start: Double, duration: Double?) {
        lock.lock()
        current += 1
        let session = current
        let volume = snapshot.volume
        snapshot = PlayerStatus(state: .loading, item: item, position: start, duration: duration, volume: volume)
        base = start
        written = 0
        lock.unlock()
        output.flush()
        let began = ProcessInfo.processInfo.systemUptime
        threads.run { [self] in run(session, item, from: start, began: began) }
    }

    /// Stops and forgets the item; buffered sound is dropped.
    public func stop() {
        lock.lock()
        current += 1
        snapshot.state = .stopped
        snapshot.item = nil
        lock.unlock()
        output.flush()
    }

    /// Pauses, or resumes when paused; plays the item again when it ended.
    public func togglePause() {
        let status = self.status
        switch status.state {
        case .playing, .loading: pause()
        case .paused: if let item = status.item { play(item, from: status.position, duration: status.duration) }
        case .ended, .failed, .stopped: if let item = status.item { play(item) }
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
        let target = min(max(0, time), max(0, (status.duration ?? .infinity) - 0.05))
        if status.state == .paused {
            lock.lock()
            if snapshot.state == .paused { snapshot.position = target }
            lock.unlock()
        } else {
            play(item, from: target, duration: status.duration)
        }
    }

    /// Sets the gain (0–1.5).
    public func setVolume(_ volume: Double) {
        lock.lock()
        snapshot.volume = min(1.5, max(0, volume))
        lock.unlock()
    }

    /// Ends the playing session, keeping the position heard when the sound stops, for resume.
    /// Taking the output lock waits for a write in progress (and its count), so the clock read
    /// just before the flush is exactly what the listener heard.
    private func pause() {
        outputLock.lock()
        defer { outputLock.unlock() }
        lock.lock()
        guard snapshot.state == .playing || snapshot.state == .loading else { return lock.unlock() }
        current += 1
        snapshot.state = .paused
        snapshot.position = max(base, base + Double(written) / Double(AudioBuffer.sampleRate) - output.latency)
        lock.unlock()
        output.flush()
    }

    private struct Superseded: Error {}

    private func run(_ session: Int, _ item: PlaybackItem, from start: Double, began: Double) {
        let clock = { ProcessInfo.processInfo.systemUptime }
        var parts = FirstAudioParts(handoff: clock() - began)
        do {
            var mark = clock()
            let (source, duration, name) = try open(item, from: start)
            parts.playlist = clock() - mark
            update(session) { $0.duration = duration }
            let fetches = { (source as? SegmentStream)?.fetchSeconds ?? 0 }
            mark = clock()
            let decoder = try AudioDecoder(stream: source, name: name)
            let fetchedOpening = fetches()
            parts.decoderOpen = clock() - mark - fetchedOpening
            mark = clock()
            var first = true
            _ = try decoder.run(from: start) { buffer in
                if first {
                    first = false
                    parts.segments = fetches()
                    parts.firstDecode = clock() - mark - (parts.segments - fetchedOpening)
                }
                let left = buffer.left, right = buffer.right
                var offset = 0
                while offset < left.count {
                    let end = min(left.count, offset + Self.pieceFrames)
                    guard let gain = gain(session) else { throw Superseded() }
                    let piece = AudioBuffer(left: left[offset..<end].map { $0 * Float(gain) },
                                            right: right[offset..<end].map { $0 * Float(gain) })
                    outputLock.lock()
                    defer { outputLock.unlock() }
                    guard isCurrent(session) else { throw Superseded() }
                    let handed = ProcessInfo.processInfo.systemUptime - began
                    try output.write(piece)
                    let wrote = parts
                    update(session) { status in
                        if status.firstAudioDelay == nil {
                            status.firstAudioDelay = handed
                            var measured = wrote
                            measured.firstWrite = ProcessInfo.processInfo.systemUptime - began - handed
                            status.firstAudioParts = measured
                        }
                        if status.state == .loading { status.state = .playing }
                    }
                    lock.lock()
                    if current == session { written += end - offset }
                    lock.unlock()
                    offset = end
                }
            }
            lock.lock()
            if current == session {
                // The position shown at the end is the end, not where this session started.
                snapshot.state = .ended
                snapshot.position = snapshot.duration ?? base + Double(written) / Double(AudioBuffer.sampleRate)
            }
            lock.unlock()
        } catch is Superseded {
            return
        } catch let error as PlaybackError {
            update(session) { $0.state = .failed; $0.error = error }
        } catch let error as MediaError {
            update(session) { $0.state = .failed; $0.error = .decodeFailed(error.message) }
        } catch {
            update(session) { $0.state = .failed; $0.error = .decodeFailed("\(error)") }
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
    private func gain(_ session: Int) -> Double? {
        lock.lock()
        defer { lock.unlock() }
        return current == session ? snapshot.volume : nil
    }

    private func isCurrent(_ session: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return current == session
    }

    private func update(_ session: Int, _ change: (inout PlayerStatus) -> Void) {
        lock.lock()
        if current == session { change(&snapshot) }
        lock.unlock()
    }
}
