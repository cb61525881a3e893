@testable import Engine
import Foundation
@testable import Resolvers
import Testing

@Suite("TikTok link forms")
struct TikTokLinkTests {
    static let post = "7300000000000000001"

    @Test("the forms people paste are recognised", arguments: [
        ("https://www.tiktok.com/@beatsbyx/video/7300000000000000001", TikTokLink.post(id: post, username: "beatsbyx", photo: false)),
        ("https://tiktok.com/@beats.by_x/video/7300000000000000001?is_from_webapp=1&sender_device=pc",
         .post(id: post, username: "beats.by_x", photo: false)),
        ("https://m.tiktok.com/@beatsbyx/video/7300000000000000001", .post(id: post, username: "beatsbyx", photo: false)),
        ("HTTPS://WWW.TIKTOK.COM/@beatsbyx/video/7300000000000000001#top", .post(id: post, username: "beatsbyx", photo: false)),
        ("https://www.tiktok.com/@beatsbyx/photo/7300000000000000002",
         .post(id: "7300000000000000002", username: "beatsbyx", photo: true)),
        ("https://m.tiktok.com/v/7300000000000000001.html", .post(id: post, username: nil, photo: false)),
        ("https://www.tiktok.com/embed/v2/7300000000000000001", .post(id: post, username: nil, photo: false)),
        ("https://www.tiktok.com/@/video/7300000000000000001", .post(id: post, username: nil, photo: false)),
        ("https://vm.tiktok.com/ZMabc123/", .short("https://vm.tiktok.com/ZMabc123/")),
        ("https://vt.tiktok.com/ZSxyz/", .short("https://vt.tiktok.com/ZSxyz/")),
        ("https://www.tiktok.com/t/ZTRabc/", .short("https://www.tiktok.com/t/ZTRabc/")),
    ])
    func recognised(text: String, expected: TikTokLink) throws {
        let components = try #require(URLComponents(string: text))
        #expect(TikTokLink.parse(components) == expected)
    }

    @Test("what is not a TikTok post is not claimed", arguments: [
        "https://www.tiktok.com/", "https://www.tiktok.com/@beatsbyx", "https://www.tiktok.com/@beatsbyx/video/abc",
        "https://www.tiktok.com/@beatsbyx/video/12", "https://vm.tiktok.com/", "https://nottiktok.com/@a/video/7300000000000000001",
        "https://example.com/@a/video/7300000000000000001", "ftp://www.tiktok.com/@a/video/7300000000000000001",
        "https://www.tiktok.com/tag/beats", "https://vm.tiktok.com/bad%20code/",
    ])
    func refused(text: String) throws {
        let components = try #require(URLComponents(string: text))
        #expect(TikTokLink.parse(components) == nil)
    }

    @Test("every form of one post has one canonical URL")
    func canonical() {
        #expect(TikTokLink.canonical(id: Self.post) == "https://www.tiktok.com/@/video/7300000000000000001")
    }

    @Test("extra short-link hosts make any of their links a short link")
    func extraHosts() throws {
        let components = try #require(URLComponents(string: "http://127.0.0.1:8080/s/abc"))
        #expect(TikTokLink.parse(components) == nil)
        #expect(TikTokLink.parse(components, extraShortLinkHosts: ["127.0.0.1:8080"]) == .short("http://127.0.0.1:8080/s/abc"))
    }
}
