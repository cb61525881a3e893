#!/usr/bin/env python3
"""A fake of the RapidAPI gateway with the TikTok and Instagram APIs that SampleTok calls, answering as the real services do,
short-link redirects and the media they point at, on 127.0.0.1 and a free port (printed first).

Usage: fake_rapidapi.py FOLDER. It exits when its standard input closes.
Base URLs: TikTok http://127.0.0.1:PORT/tiktok, Instagram http://127.0.0.1:PORT/instagram.

Keys (X-RapidAPI-Key): good-key works; quota-key → 429 monthly quota (no Retry-After);
burst-key → 429 "Too many requests" with Retry-After: 7; unsubscribed-key → 403; any other or
none → 401. X-RapidAPI-Host must be the real host of the API, else 401.

TikTok (`GET|POST /tiktok/?url=…&hd=1`, `GET /tiktok/user/info?unique_id=`, `GET /tiktok/user/posts`):
  post 7300000000000000001  a video by @beatsbyx, absolute media URLs (FOLDER/tone.wav as "play")
  post 7300000000000000002  a photo post by @beatsbyx: images[] and its sound as "music"
  post 7300000000000000003  a video whose media URLs are relative to the API's origin
  post 7300000000000000004  fails with HTTP 500 twice per server run, then is post 1 again
  post 7300000000000000005  code -1 "Free Api Limit: 1 request/second"
  post 7300000000000000006  a video whose media URLs point at the cloud metadata address (169.254.169.254)
  anything else             code -1 "Url parsing is failed! Please check url."
  user beatsbyx             207900 followers; 5 posts (7300000000000000101…105), pages by count/cursor
Short links: /s/CODE → 301 to the long URL of post 1, /s/chain → 302 to /s/CODE (relative),
  /s/gone → 404, /s/home → 302 to https://www.tiktok.com/ (not a post).
Instagram (`GET /instagram/post?shortcode=`): REEL1 a reel (media_type 2, video_versions with
  FOLDER/tone.wav), PHOTO1 a photo (media_type 1), CAROUSEL1 a carousel with one video,
  METADATA1 a reel whose video_versions point at http://169.254.169.254/…; other → 404.
  `GET /instagram/profile?username=reelmaker` → 5000 followers; other → 404.
Media: /media/NAME serves FOLDER/NAME; /page is an HTML page. /_stats → JSON of request counts by path.
"""
import json, os, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

FOLDER = sys.argv[1]
TIKTOK_HOST = "tiktok-video-no-watermark2.p.rapidapi.com"
INSTAGRAM_HOST = "instagram-best-experience.p.rapidapi.com"
COUNTS, LOCK = {}, threading.Lock()
METADATA_URL = "http://169.254.169.254/latest/meta-data/iam/security-credentials/clip.mp4"


def origin(handler):
    return "http://127.0.0.1:%d" % handler.server.server_address[1]


def author():
    return {"id": "6943972350728700930", "unique_id": "beatsbyx", "nickname": "Beats By X",
            "avatar": "https://p16-sign-sg.tiktokcdn.com/avatar/beatsbyx~c5_300x300.webp"}


def video(handler, vid, relative=False, photo=False):
    base = "" if relative else origin(handler)
    data = {
        "id": vid, "aweme_id": vid, "region": "US", "title": "lo-fi kick loop #beats",
        "cover": base + "/media/cover.jpg", "origin_cover": base + "/media/cover.jpg",
        "duration": 0 if photo else 2,
        "play": base + "/media/tone.wav", "wmplay": base + "/media/watermarked.wav",
        "hdplay": base + "/media/tone.wav", "size": 1000, "wm_size": 1000, "hd_size": 1000,
        "music": base + "/media/tone.wav",
        "music_info": {"id": "1", "title": "original sound", "play": base + "/media/tone.wav",
                       "author": "Beats By X", "original": True, "duration": 2},
        "play_count": 1200000, "digg_count": 5199, "comment_count": 130, "share_count": 42,
        "download_count": 7, "collect_count": 3, "create_time": 1629038229,
        "author": author(),
    }
    if photo:
        data["images"] = [base + "/media/p1.jpg", base + "/media/p2.jpg"]
        data["play"] = ""
        data["hdplay"] = ""
    return data


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, status, obj, headers=None):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, status, location):
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def count(self, key):
        with LOCK:
            COUNTS[key] = COUNTS.get(key, 0) + 1
            return COUNTS[key]

    def gateway(self, host):
        """Checks the RapidAPI headers; answers and returns False when they do not pass."""
        key = self.headers.get("X-RapidAPI-Key", "")
        if self.headers.get("X-RapidAPI-Host", "") != host or key not in ("good-key", "quota-key", "burst-key", "unsubscribed-key"):
            self.send_json(401, {"message": "Invalid API key. Go to https://docs.rapidapi.com/docs/keys for more info."})
            return False
        if key == "unsubscribed-key":
            self.send_json(403, {"message": "You are not subscribed to this API."})
            return False
        if key == "quota-key":
            self.send_json(429, {"message": "You have exceeded the MONTHLY quota for Requests on your current plan, BASIC. "
                                            "Upgrade your plan at https://rapidapi.com/yi005/api/tiktok-video-no-watermark2"})
            return False
        if key == "burst-key":
            self.send_json(429, {"message": "Too many requests"}, {"Retry-After": "7"})
            return False
        return True

    def tiktok(self, path, query):
        if not self.gateway(TIKTOK_HOST):
            return
        if path == "":
            url = query.get("url", [""])[0]
            vid = next((v for v in ("7300000000000000001", "7300000000000000002", "7300000000000000003",
                                    "7300000000000000004", "7300000000000000005", "7300000000000000006")
                        if v in url), None)
            if vid == "7300000000000000004":
                if self.count("flaky") <= 2:
                    return self.send_json(500, {"message": "upstream failure"})
                vid = "7300000000000000001"
            if vid == "7300000000000000005":
                return self.send_json(200, {"code": -1, "msg": "Free Api Limit: 1 request/second", "processed_time": 0.0})
            if vid is None:
                return self.send_json(200, {"code": -1, "msg": "Url parsing is failed! Please check url.", "processed_time": 0.0})
            data = video(self, vid, relative=vid.endswith("3"), photo=vid.endswith("2"))
            if vid == "7300000000000000006":
                data.update(play=METADATA_URL, hdplay=METADATA_URL, wmplay=METADATA_URL)
            return self.send_json(200, {"code": 0, "msg": "success", "processed_time": 0.1, "data": data})
        if path == "user/info":
            user = query.get("unique_id", [""])[0].lstrip("@")
            if user != "beatsbyx":
                return self.send_json(200, {"code": -1, "msg": "user not found"})
            return self.send_json(200, {"code": 0, "msg": "success", "data": {
                "user": {"id": "6943972350728700930", "uniqueId": "beatsbyx", "nickname": "Beats By X",
                         "avatarThumb": "https://p16/100x100/a.webp", "avatarMedium": "https://p16/720x720/a.webp",
                         "avatarLarger": "https://p16/1080x1080/a.webp", "signature": "loops", "verified": False},
                "stats": {"followingCount": 262, "followerCount": 207900, "heartCount": 1400000,
                          "videoCount": 5, "diggCount": 911, "heart": 1400000}}})
        if path == "user/posts":
            user = query.get("unique_id", [""])[0].lstrip("@")
            count = int(query.get("count", ["10"])[0])
            cursor = int(query.get("cursor", ["0"])[0])
            if user != "beatsbyx":
                return self.send_json(200, {"code": -1, "msg": "user not found"})
            ids = ["73000000000000001%02d" % i for i in range(1, 6)]
            page = ids[cursor:cursor + count]
            videos = [dict(video(self, v), video_id=v, id=None) for v in page]
            return self.send_json(200, {"code": 0, "msg": "success", "data": {
                "videos": videos, "cursor": str(cursor + len(page)), "hasMore": cursor + len(page) < len(ids)}})
        self.send_json(404, {"message": "Endpoint '/%s' does not exist" % path})

    def instagram(self, path, query):
        if not self.gateway(INSTAGRAM_HOST):
            return
        if path == "profile":
            if query.get("username", [""])[0] != "reelmaker":
                return self.send_json(404, {"message": "User not found"})
            return self.send_json(200, {"pk": "16278726", "username": "reelmaker", "full_name": "Reel Maker",
                                        "is_private": False, "follower_count": 5000, "following_count": 10,
                                        "profile_pic_url": "https://scontent.cdninstagram.com/pic.jpg"})
        if path != "post":
            return self.send_json(404, {"message": "Endpoint '/%s' does not exist" % path})
        code = query.get("shortcode", [""])[0]
        base = origin(self)
        user = {"pk": "16278726", "username": "reelmaker", "full_name": "Reel Maker",
                "profile_pic_url": "https://scontent.cdninstagram.com/pic.jpg", "is_verified": True}
        item = {"pk": "3597631270905977008", "id": "3597631270905977008_16278726", "code": code,
                "taken_at": 1743091090, "user": user,
                "caption": {"pk": "1", "text": "808 bass reel\nfull beat on my page", "created_at": 1743091090},
                "image_versions2": {"candidates": [{"width": 1080, "height": 1920, "url": base + "/media/cover.jpg"}]},
                "like_count": 1234, "comment_count": 56, "play_count": 78901}
        if code == "REEL1":
            item.update(media_type=2, product_type="clips", video_duration=2.0,
                        video_versions=[{"type": 101, "width": 720, "height": 1280, "url": base + "/media/tone.wav"}])
        elif code == "CAROUSEL1":
            item.update(media_type=8, product_type="carousel_container", carousel_media=[
                {"media_type": 1, "image_versions2": {"candidates": [{"url": base + "/media/p1.jpg"}]}},
                {"media_type": 2, "video_versions": [{"url": base + "/media/tone.wav"}]}])
        elif code == "METADATA1":
            item.update(media_type=2, product_type="clips", video_duration=2.0,
                        video_versions=[{"type": 101, "width": 720, "height": 1280, "url": METADATA_URL}])
        elif code == "PHOTO1":
            item.update(media_type=1, product_type="feed")
        else:
            return self.send_json(404, {"message": "Media not found or unavailable"})
        self.send_json(200, item)

    def handle_any(self):
        parsed = urlparse(self.path)
        query = parse_qs(parsed.query)
        if self.command == "POST":
            length = int(self.headers.get("Content-Length", "0") or "0")
            query.update(parse_qs(self.rfile.read(length).decode()))
        parts = parsed.path.strip("/").split("/")
        head, rest = parts[0], "/".join(parts[1:])
        self.count(parsed.path)
        if head == "tiktok":
            return self.tiktok(rest, query)
        if head == "instagram":
            return self.instagram(rest, query)
        if head == "s":
            if rest == "chain":
                return self.redirect(302, "/s/ZMabc123/")
            if rest == "gone":
                return self.send_json(404, {"message": "not found"})
            if rest == "home":
                return self.redirect(302, "https://www.tiktok.com/")
            return self.redirect(301, "https://www.tiktok.com/@beatsbyx/video/7300000000000000001?is_from_webapp=1&sender_device=pc")
        if head == "media":
            path = os.path.join(FOLDER, os.path.basename(rest))
            if not os.path.isfile(path):
                return self.send_json(404, {"message": "no such file"})
            data = open(path, "rb").read()
            self.send_response(200)
            self.send_header("Content-Type", "audio/wav" if path.endswith(".wav") else "image/jpeg")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            return self.wfile.write(data)
        if head == "page":
            body = b"<!DOCTYPE html><html><body>a video page</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return self.wfile.write(body)
        if head == "_stats":
            with LOCK:
                return self.send_json(200, dict(COUNTS))
        self.send_json(404, {"message": "not found"})

    do_GET = handle_any
    do_POST = handle_any


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
