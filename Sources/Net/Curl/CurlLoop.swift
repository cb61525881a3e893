import CCurl
import Foundation
import Model

/// A thread that drives every transfer of one client on a libcurl multi handle: no thread per
/// request, connections and DNS answers reused between requests, and `curl_multi_poll` sleeping
/// until a socket is ready, a timer is due, or ``submit(_:)``/``cancel(_:)`` wakes it.
final class CurlLoop: @unchecked Sendable {
    private let multi: UnsafeMutableRawPointer
    /// What other threads hand the loop thread.
    private struct Inbox {
        var incoming: [CurlTransfer] = []
        var cancellations: [CurlTransfer] = []
        var stopping = false
        var exited = false
    }
    private let inbox = Locked(Inbox())
    // The loop thread's own.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    /// Starts the thread; nil when libcurl cannot be set up.
    init?(name: String) {
        guard CurlGlobal.ensure(), let multi = curl_multi_init() else { return nil }
        self.multi = multi
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    /// Hands a configured transfer to the thread.
    func submit(_ transfer: CurlTransfer) {
        let multi = self.multi
        let accepted = inbox.withLock { inbox -> Bool in
            guard !inbox.exited else { return false }
            inbox.incoming.append(transfer)
            curl_multi_wakeup(multi)
            return true
        }
        if !accepted { transfer.finishCancelled() }
    }

    /// Aborts a transfer (at once if running, when it arrives if not yet submitted).
    func cancel(_ transfer: CurlTransfer) {
        let multi = self.multi
        inbox.withLock { inbox in
            transfer.cancelRequested = true
            guard !inbox.exited else { return }
            inbox.cancellations.append(transfer)
            curl_multi_wakeup(multi)
        }
    }

    /// Ends the thread once its transfers are done; the multi handle is freed by the thread.
    func shutdown() {
        let multi = self.multi
        inbox.withLock { inbox in
            inbox.stopping = true
            if !inbox.exited { curl_multi_wakeup(multi) }
        }
    }

    private func run() {
        while true {
            let (adds, cancels, stop) = inbox.withLock { inbox -> ([(CurlTransfer, Bool)], [CurlTransfer], Bool) in
                let adds = inbox.incoming.map { ($0, $0.cancelRequested) }
                let cancels = inbox.cancellations
                inbox.incoming.removeAll()
                inbox.cancellations.removeAll()
                return (adds, cancels, inbox.stopping)
            }
            for (transfer, cancelled) in adds {
                guard !cancelled, let easy = transfer.easy else {
                    transfer.finishCancelled()
                    continue
                }
                guard curl_multi_add_handle(multi, easy) == CURLM_OK else {
                    transfer.finish(CURLE_FAILED_INIT)
                    continue
                }
                active[easy] = transfer
            }
            for transfer in cancels {
                guard let easy = transfer.easy, active.removeValue(forKey: easy) != nil else { continue }
                curl_multi_remove_handle(multi, easy)
                transfer.finishCancelled()
            }
            if stop && active.isEmpty {
                let idle = inbox.withLock { inbox -> Bool in
                    guard inbox.incoming.isEmpty else { return false }
                    inbox.exited = true
                    return true
                }
                if idle { break }
                continue
            }

            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var left: Int32 = 0
            while let message = curl_multi_info_read(multi, &left) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let code = shim_curl_msg_result(message)
                curl_multi_remove_handle(multi, easy)
                active.removeValue(forKey: easy)?.finish(code)
            }
            // Sleeps until sockets, curl's own timers, or a wakeup; long when idle.
            curl_multi_poll(multi, nil, 0, active.isEmpty ? 60_000 : 1_000, nil)
        }
        curl_multi_cleanup(multi)
    }
}
