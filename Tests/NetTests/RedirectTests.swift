import Foundation
import Model
import Net
import Testing

@Suite struct RedirectTests {
    let client = HTTPClient()

    @Test func redirectsAreFollowedToTheFinalURL() async throws {
        let response = try await client.send(.get(try TestServer.url("/redirect/3")))
        #expect(response.status == 200)
        #expect(response.text == "hello, world")
        #expect(response.url == (try TestServer.url("/hello")))
        #expect(response.headers.values(for: "X-Multi") == ["one", "two"])  // the final response's headers only
        #expect(!response.headers.contains("Location"))
    }

    @Test func redirectsCanBeLeftUnfollowed() async throws {
        let response = try await client.send(HTTPRequest(url: try TestServer.url("/redirect/1"), followRedirects: false))
        #expect(response.status == 302)
        #expect(response.headers["location"] == "/redirect/0")
    }

    @Test func redirectLoopFails() async throws {
        let error = await #expect(throws: NetError.self) {
            _ = try await client.send(.get(try TestServer.url("/loop")))
        }
        #expect(error?.has(.fetchTooManyRedirects) == true)
    }

    @Test func redirectLimitIsEnforced() async throws {
        let error = await #expect(throws: NetError.self) {
            _ = try await client.send(HTTPRequest(url: try TestServer.url("/redirect/3"), maxRedirects: 2))
        }
        #expect(error?.code == "fetch.too_many_redirects")
        let ok = try await client.send(HTTPRequest(url: try TestServer.url("/redirect/3"), maxRedirects: 4))
        #expect(ok.status == 200)
    }

    @Test(arguments: ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/"])
    func redirectToOtherSchemesIsRefused(_ target: String) async throws {
        let url = try TestServer.url("/redirect-to?url=" + (target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        let error = await #expect(throws: NetError.self) { _ = try await client.send(.get(url)) }
        #expect(error?.code == "link.unsupported")
    }
}
