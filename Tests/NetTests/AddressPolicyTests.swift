import Foundation
import Net
import Testing

@Suite struct AddressPolicyTests {
    @Test(arguments: [
        ("8.8.8.8", AddressKind.public), ("1.1.1.1", .public), ("172.32.0.1", .public), ("100.128.0.1", .public),
        ("127.0.0.1", .loopback), ("127.255.0.9", .loopback), ("::1", .loopback),
        ("10.1.2.3", .private), ("172.16.0.1", .private), ("172.31.255.255", .private), ("192.168.1.1", .private),
        ("100.64.0.1", .private), ("100.127.255.254", .private), ("fec0::1", .private),
        ("169.254.169.254", .linkLocal), ("fe80::1", .linkLocal), ("febf::1", .linkLocal),
        ("fc00::1", .uniqueLocal), ("fd12:3456::1", .uniqueLocal),
        ("224.0.0.1", .multicast), ("239.255.255.250", .multicast), ("ff02::1", .multicast),
        ("0.0.0.0", .unspecified), ("0.1.2.3", .unspecified), ("::", .unspecified),
        ("255.255.255.255", .reserved), ("240.0.0.1", .reserved), ("2001:db8::1", .reserved),
        ("::ffff:127.0.0.1", .loopback), ("::ffff:10.0.0.1", .private), ("::ffff:169.254.169.254", .linkLocal),
        ("::ffff:8.8.8.8", .public), ("64:ff9b::192.168.0.1", .private), ("2002:c0a8:0101::1", .private),
        ("::127.0.0.1", .loopback), ("2606:4700:4700::1111", .public), ("[::1]", .loopback),
        // NAT64: the well-known prefix is classed by the IPv4 address it carries; the local-use one is private.
        ("64:ff9b::8.8.8.8", .public), ("64:ff9b::7f00:1", .loopback), ("64:ff9b::a9fe:a9fe", .linkLocal),
        ("64:ff9b:1::8.8.8.8", .private), ("64:ff9b:1:ffff::1", .private), ("64:ff9b:2::1", .public),
        // Teredo tunnels (2001::/32) are no plain destination; the rest of 2001::/16 is ordinary space.
        ("2001::1", .reserved), ("2001:0:4136:e378:8000:63bf:3fff:fdd2", .reserved), ("2001:4860:4860::8888", .public),
    ])
    func classifiesAddresses(_ text: String, _ kind: AddressKind) throws {
        let address = try #require(IPAddress(text))
        #expect(address.kind == kind)
        #expect(AddressPolicy.publicOnly.permits(address) == (kind == .public))
        #expect(AddressPolicy.any.permits(address))
    }

    @Test func parsesAndPrintsAddresses() throws {
        #expect(IPAddress("1.2.3.4")?.description == "1.2.3.4")
        #expect(IPAddress("::FFFF:10.0.0.1")?.description == "::ffff:10.0.0.1")
        #expect(IPAddress("fe80::1%eth0")?.kind == .linkLocal)
        #expect(IPAddress("example.com") == nil)
        #expect(IPAddress("1.2.3") == nil)
        #expect(IPAddress("300.1.1.1") == nil)
    }

    @Test func allowListAdmitsOnlyItsBlocks() throws {
        let policy = AddressPolicy.publicOnly(allowing: [try #require(AllowedEndpoint("10.1.0.0/16")), try #require(AllowedEndpoint("fd00::/8"))])
        #expect(policy.permits(try #require(IPAddress("10.1.200.3"))))
        #expect(policy.permits(try #require(IPAddress("::ffff:10.1.0.1"))))
        #expect(!policy.permits(try #require(IPAddress("10.2.0.1"))))
        #expect(policy.permits(try #require(IPAddress("fd01::1"))))
        #expect(!policy.permits(try #require(IPAddress("fc00::1"))))
        #expect(policy.permits(try #require(IPAddress("9.9.9.9"))))
        #expect(IPNetwork("10.0.0.0/33") == nil)
        #expect(IPNetwork("nonsense/8") == nil)
        #expect(IPNetwork("127.0.0.1")?.prefixLength == 32)
    }

    // Numeric spellings and the unspecified address (which Linux routes to the local host) included.
    @Test(arguments: ["127.0.0.1", "localhost", "[::1]", "0.0.0.0", "2130706433", "127.1", "[::ffff:127.0.0.1]"])
    func publicOnlyRefusesLoopback(_ host: String) async throws {
        let port = try TestServer.shared.get().port
        let client = HTTPClient(addressPolicy: .publicOnly)
        let error = await #expect(throws: NetError.self) {
            _ = try await client.send(.get("http://\(host):\(port)/hello"))
        }
        #expect(error?.code == "link.forbidden")
    }

    @Test func publicOnlyRefusesARedirectToAForbiddenAddress() async throws {
        let port = try TestServer.shared.get().port
        // 127.0.0.1 is allowed by the allow-list, so the first hop works; 127.0.0.2 is not.
        let client = HTTPClient(addressPolicy: .publicOnly(allowing: [try #require(AllowedEndpoint("127.0.0.1/32"))]))
        #expect(try await client.send(.get(try TestServer.url("/hello"))).status == 200)

        let target = "http://127.0.0.2:\(port)/hello"
        let redirect = try TestServer.url("/redirect-to?url=" + (target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        let error = await #expect(throws: NetError.self) { _ = try await client.send(.get(redirect)) }
        #expect(error?.code == "link.forbidden")
        #expect(error?.message.contains("127.0.0.2") == true)

        // Without the policy, the same redirect reaches 127.0.0.2, where nothing listens.
        let open = await #expect(throws: NetError.self) { _ = try await HTTPClient().send(.get(redirect)) }
        #expect(open?.code == "fetch.unreachable")
    }

    @Test func allowListEntriesParseWithAndWithoutPorts() throws {
        #expect(AllowedEndpoint("10.0.0.0/8")?.port == nil)
        #expect(AllowedEndpoint("127.0.0.1:9000")?.port == 9000)
        #expect(AllowedEndpoint("127.0.0.1:9000")?.network.prefixLength == 32)
        #expect(AllowedEndpoint("[::1]:8080")?.port == 8080)
        #expect(AllowedEndpoint("[fd00::/8]")?.network.prefixLength == 8)
        #expect(AllowedEndpoint("fd00::1")?.port == nil, "a bare IPv6 address has no port")
        for bad in ["127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:", "127.0.0.1:80x", "[::1]8080", "host:80", "[::1"] {
            #expect(AllowedEndpoint(bad) == nil, "\(bad)")
        }
        let (entries, invalid) = AllowedEndpoint.list("10.0.0.0/8, 127.0.0.1:9000 nonsense")
        #expect(entries.count == 2)
        #expect(invalid == ["nonsense"])
    }

    @Test func anEntryWithAPortAdmitsOnlyThatPort() async throws {
        let port = try TestServer.shared.get().port
        let policy = AddressPolicy.publicOnly(allowing: [try #require(AllowedEndpoint("127.0.0.1:\(port)"))])
        let loopback = try #require(IPAddress("127.0.0.1"))
        #expect(policy.permits(loopback, port: port))
        #expect(!policy.permits(loopback, port: port + 1))
        #expect(!policy.permits(loopback), "no port: only entries without one admit it")
        #expect(try await HTTPClient(addressPolicy: policy).send(.get(try TestServer.url("/hello"))).status == 200)
        // Another service of the same host is refused before any packet is sent.
        let error = await #expect(throws: NetError.self) {
            _ = try await HTTPClient(addressPolicy: policy).send(.get("http://127.0.0.1:\(port == 65535 ? 1 : port + 1)/hello"))
        }
        #expect(error?.code == "link.forbidden")
    }

    @Test func aHostIsCheckedOnEveryAddressItResolvesTo() async throws {
        let policy = AddressPolicy.publicOnly(allowing: [try #require(AllowedEndpoint("127.0.0.1:8080"))])
        await #expect(throws: Never.self) { try await policy.check(url: "http://127.0.0.1:8080/page") }
        let other = await #expect(throws: NetError.self) { try await policy.check(url: "http://127.0.0.1:8081/page") }
        #expect(other?.code == "link.forbidden")
        let metadata = await #expect(throws: NetError.self) { try await policy.check(url: "http://169.254.169.254/latest") }
        #expect(metadata?.code == "link.forbidden")
        let name = await #expect(throws: NetError.self) { try await policy.check(url: "http://localhost/") }
        #expect(name?.code == "link.forbidden", "localhost on port 80 is not allowed")
        await #expect(throws: Never.self) { try await AddressPolicy.any.check(url: "http://127.0.0.1:1/") }
    }
}
