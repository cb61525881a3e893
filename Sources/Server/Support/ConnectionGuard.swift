import Engine
import Foundation
import Model
import NIOCore
import NIOHTTPTypes
import Net

/// Guards one connection against clients that hold it without finishing requests: closes it
/// when a request's head has not arrived `headerTimeout` after the connection opened (or after
/// the previous response ended), and at once when its address already holds the most
/// connections `ConnectionRegistry` allows. A slow client dribbling half a header is cut off
/// whatever it sends; a request being answered (an event stream) is never timed out here.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let headerTimeout: TimeAmount
    private let registry: ConnectionRegistry
    private var deadline: Scheduled<Void>?
    private var address: String?
    private var opened = false
    private var counted = false
    /// Requests whose head arrived and whose response has not ended.
    private var outstanding = 0

    init(headerTimeout: TimeAmount, registry: ConnectionRegistry) {
        self.headerTimeout = headerTimeout
        self.registry = registry
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { open(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        open(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        finish()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) {
            outstanding += 1
            deadline?.cancel()
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            outstanding = max(0, outstanding - 1)
            if outstanding == 0 { arm(context) }
        }
        context.write(data, promise: promise)
    }

    private func open(_ context: ChannelHandlerContext) {
        guard !opened else { return }
        opened = true
        address = context.channel.remoteAddress?.ipAddress
        guard registry.open(address) else {
            context.close(promise: nil)
            return
        }
        counted = true
        arm(context)
    }

    private func arm(_ context: ChannelHandlerContext) {
        deadline?.cancel()
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: headerTimeout) { channel.close(promise: nil) }
    }

    private func finish() {
        deadline?.cancel()
        deadline = nil
        if counted {
            counted = false
            registry.close(address)
        }
    }
}

/// The connections open per client address, shared by every `ConnectionGuard` of a server.
final class ConnectionRegistry: Sendable {
    /// The most one address may hold; 0 is no cap.
    let maxPerAddress: Int
    /// Addresses not capped (trusted reverse proxies carry many clients).
    let exempt: [IPNetwork]
    private let counts = Locked([String: Int]())

    init(maxPerAddress: Int, exempt: [IPNetwork]) {
        self.maxPerAddress = max(0, maxPerAddress)
        self.exempt = exempt
    }

    /// Counts a new connection from `address`; false (and not counted) when it is one too many.
    func open(_ address: String?) -> Bool {
        let key = address ?? "unknown"
        if maxPerAddress == 0 || isExempt(address) {
            counts.withLock { $0[key, default: 0] += 1 }
            return true
        }
        return counts.withLock { counts in
            guard counts[key, default: 0] < maxPerAddress else { return false }
            counts[key, default: 0] += 1
            return true
        }
    }

    /// Counts a connection from `address` closed.
    func close(_ address: String?) {
        let key = address ?? "unknown"
        counts.withLock { counts in
            let left = counts[key, default: 1] - 1
            counts[key] = left > 0 ? left : nil
        }
    }

    private func isExempt(_ address: String?) -> Bool {
        guard let address, let ip = IPAddress(address) else { return false }
        return exempt.contains { $0.contains(ip) }
    }
}
