#!/usr/bin/python3
"""Serve an H.264 MP4 over RTSP on the loopback interface, looping forever, without re-encoding.

    /usr/bin/python3 hardware/simcam/rtsp_server.py --file DIR/road.mp4 --port 8554 --path /cam

Prints one line "READY rtsp://HOST:PORT/PATH" once listening; exits cleanly on SIGTERM/SIGINT.
Every client gets its own pipeline (not shared), so each starts at the clip's first frame.

Looping (a file-backed factory does not loop by itself): a probe on the parser's sink pad
drops the demuxer's EOS, sets a pad offset equal to the running time reached, and sends the
demuxer a flushing seek to 0 whose flush events it also drops. Downstream (parser, payloader,
RTP sinks) never sees EOS or a flush, and running time -- hence RTP timestamps -- keeps
increasing across the loop boundary. (A non-flushing seek does not restart qtdemux after EOS.)
"""
import argparse
import ipaddress
import signal
import sys
from pathlib import Path

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

LAUNCH = ("( filesrc location=\"{loc}\" ! qtdemux ! h264parse name=parse config-interval=-1 "
          "! rtph264pay name=pay0 pt=96 config-interval=-1 )")   # pt 96: first dynamic RTP payload type


def _loop_media(media):
    """Install the EOS -> seek-to-start loop on one client's media pipeline."""
    sinkpad = media.get_element().get_by_name("parse").get_static_pad("sink")
    state = {"offset": 0, "end": 0}      # running-time offset of this loop, end of the last buffer

    def restart():
        demux_pad = sinkpad.get_peer()
        if demux_pad is not None:
            demux_pad.send_event(Gst.Event.new_seek(1.0, Gst.Format.TIME, Gst.SeekFlags.FLUSH,
                                                    Gst.SeekType.SET, 0, Gst.SeekType.NONE, -1))
        return False

    def probe(pad, info):
        if info.type & Gst.PadProbeType.BUFFER:
            buf = info.get_buffer()
            dur = buf.duration if buf.duration != Gst.CLOCK_TIME_NONE else 0
            if buf.pts != Gst.CLOCK_TIME_NONE:
                state["end"] = max(state["end"], state["offset"] + buf.pts + dur)
            return Gst.PadProbeReturn.OK
        kind = info.get_event().type
        if kind in (Gst.EventType.FLUSH_START, Gst.EventType.FLUSH_STOP):
            return Gst.PadProbeReturn.DROP   # our seek's flush must not reset downstream running time
        if kind == Gst.EventType.EOS:
            state["offset"] = state["end"]
            pad.set_offset(state["offset"])  # next loop continues where this one ended
            GLib.idle_add(restart)           # not from the streaming thread: it holds the stream lock
            return Gst.PadProbeReturn.DROP
        return Gst.PadProbeReturn.OK

    sinkpad.add_probe(Gst.PadProbeType.BUFFER | Gst.PadProbeType.EVENT_DOWNSTREAM
                      | Gst.PadProbeType.EVENT_FLUSH, probe)


def _is_loopback(host):
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def main():
    ap = argparse.ArgumentParser(description="Loop an H.264 MP4 over RTSP on 127.0.0.1")
    ap.add_argument("--file", required=True, type=Path)
    ap.add_argument("--port", type=int, default=8554)
    ap.add_argument("--path", default="/cam")
    ap.add_argument("--host", default="127.0.0.1", help="loopback address only")
    args = ap.parse_args()
    if not _is_loopback(args.host):
        sys.exit(f"refusing to listen on non-loopback address {args.host}")
    if not args.file.is_file():
        sys.exit(f"no such file: {args.file}")
    path = args.path if args.path.startswith("/") else "/" + args.path

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address(args.host)
    server.set_service(str(args.port))
    factory = GstRtspServer.RTSPMediaFactory()
    loc = str(args.file.resolve()).replace("\\", "\\\\").replace('"', '\\"')   # gst-launch quoting
    factory.set_launch(LAUNCH.format(loc=loc))
    factory.set_shared(False)                  # one pipeline per client: each starts at frame 0
    factory.set_eos_shutdown(False)
    factory.connect("media-configure", lambda _f, media: _loop_media(media))
    server.get_mount_points().add_factory(path, factory)

    loop = GLib.MainLoop()
    if server.attach(None) == 0:
        sys.exit(f"cannot listen on {args.host}:{args.port}")
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    print(f"READY rtsp://{args.host}:{server.get_bound_port()}{path}", flush=True)
    loop.run()


if __name__ == "__main__":
    main()
