//! Per-call cost of the seam client against raw reqwest doing the same request on loopback (issue 11,
//! item 4): `seam.acs().credentials().get(..)` and a hand-written reqwest POST of the same request,
//! against an in-process HTTP/1.1 server that answers every request with the same precomputed
//! envelope. Latency (median and p99 of sequential calls) and throughput (concurrent calls); the ratios
//! are the figures to read.
//!
//! Interleaving: inside each round, each phase alternates the two sides slice by slice (250 sequential
//! calls, about 20 ms; 3,000 concurrent calls, about 100 ms), so that a burst of load from elsewhere on
//! a shared machine lands on both sides rather than on one side's whole measurement. Which side goes
//! first alternates from round to round. Each side's latencies in a round are pooled over its slices
//! (median, nearest-rank p99); its throughput is its calls ÷ the summed wall time of its slices.
//!
//! `cd bench && cargo bench --bench client_overhead`. Environment (defaults in brackets): ROUNDS [20],
//! CALLS [10000] sequential calls per side and round, SLICE [250], THROUGHPUT_CALLS [30000],
//! THROUGHPUT_SLICE [3000] and CONCURRENCY [32] for the concurrent phase, WARMUP [5000] calls per side
//! before the first round, CLIENT_THREADS [0: a current-thread runtime; N: a multi-thread runtime with
//! N workers], CONTROL [0; 1 replaces seam by a second raw client: the noise floor of the harness],
//! RESULTS_DIR [bench/target/results].
//! RAW_TIMEOUT=1 gives the raw side reqwest's per-request timeout (30 s, as seam sets on every attempt):
//! what that timer costs, for finding where seam's extra time goes; the report says so when it is on.
//! PROFILE_SIDE=raw|seam runs only that side's sequential calls (PROFILE_CALLS [200000]) and measures
//! nothing, for a profiler: `perf record -g target/release/deps/client_overhead-*`.
//!
//! Threads, on a 2-core machine: the server runs on its own OS thread with its own current-thread
//! tokio runtime, and the client side on the main thread with another current-thread runtime. Each
//! side of the loopback conversation then has one thread, which the kernel can keep on its own core:
//! the server never runs inside the client's runtime (where its work would be billed to whichever
//! client is being measured, and compete with it for the same thread), and neither runtime has idle
//! workers stealing tasks across the two cores, which on two cores only adds wake-ups and noise. The
//! server's cost is the same for both sides (checked: its CPU time per call is reported), so it does
//! not bias the ratios. The client's CPU time per call is the process's CPU time less the server
//! thread's. Allocations per call are counted on the client's thread (a thread-local counter in front
//! of the system allocator: about a nanosecond per allocation, for both sides), with the
//! current-thread runtime only.

#[path = "../src/client_overhead_table.rs"]
mod table;

mod support;

use bytes::Bytes;
use http_body_util::{BodyExt as _, Full};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONTENT_TYPE};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use seam::acs::credentials::{GetRequest, GetResponse};
use seam::types::AcsCredential;
use serde_json::{json, Value};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::{cpu_ns, env_usize, median, percentile};

/// The spec's example credential: the `acs_credential` of every answer.
const FIXTURE: &str = include_str!("../../tests/fixtures/seeds/acs_credential_object.json");
const API_KEY: &str = "seam_test_key";
const CREDENTIAL_ID: &str = "73a0a199-024f-454d-a916-9bbda8502c12";
const PATH: &str = "/acs/credentials/get";
/// seam ÷ raw, per call.
const TARGET: f64 = 1.1;

struct Config {
    rounds: usize,
    calls: usize,
    throughput_calls: usize,
    concurrency: usize,
    slice: usize,
    throughput_slice: usize,
    warmup: usize,
    client_threads: usize,
    control: bool,
    raw_timeout: bool,
    results: PathBuf,
}

impl Config {
    fn from_env() -> Config {
        let config = Config {
            rounds: env_usize("ROUNDS", 20),
            calls: env_usize("CALLS", 10000),
            throughput_calls: env_usize("THROUGHPUT_CALLS", 30000),
            concurrency: env_usize("CONCURRENCY", 32),
            slice: env_usize("SLICE", 250),
            throughput_slice: env_usize("THROUGHPUT_SLICE", 3000),
            warmup: env_usize("WARMUP", 5000),
            client_threads: env_usize("CLIENT_THREADS", 0),
            control: env_usize("CONTROL", 0) != 0,
            raw_timeout: env_usize("RAW_TIMEOUT", 0) != 0,
            results: std::env::var_os("RESULTS_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/results")),
        };
        assert!(
            config.rounds > 0
                && config.calls > 0
                && config.throughput_calls > 0
                && config.concurrency > 0
                && config.slice > 0
                && config.throughput_slice > 0
        );
        config
    }

    fn runtime(&self) -> String {
        match self.client_threads {
            0 => "current-thread tokio runtime on the main thread".to_owned(),
            n => format!("multi-thread tokio runtime, {n} workers"),
        }
    }
}

// ---- allocations ----

/// The system allocator, counting each thread's allocations (and reallocations) and their bytes.
struct Counting;

thread_local! {
    static ALLOCATED: Cell<(u64, u64)> = const { Cell::new((0, 0)) };
}

fn count(bytes: usize) {
    let _ = ALLOCATED.try_with(|cell| {
        let (calls, total) = cell.get();
        cell.set((calls + 1, total + bytes as u64));
    });
}

// SAFETY: every call goes to `System` unchanged; counting touches only a thread-local `Cell`.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        System.alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        System.alloc_zeroed(layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        System.realloc(ptr, layout, new_size)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// This thread's allocations and bytes allocated so far.
fn allocated() -> (u64, u64) {
    ALLOCATED.with(Cell::get)
}

// ---- the server ----

/// The answer, and the last request when asked to keep it (to check that both sides send the same).
struct Server {
    envelope: Bytes,
    capture: AtomicBool,
    captured: Mutex<Option<Captured>>,
}

#[derive(Debug, Clone, PartialEq)]
struct Captured {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Bytes,
}

async fn answer(server: Arc<Server>, request: Request<Incoming>) -> Result<Response<Full<Bytes>>, hyper::Error> {
    let (parts, body) = request.into_parts();
    let body = body.collect().await?.to_bytes();
    if server.capture.load(Ordering::Relaxed) {
        let mut headers: Vec<(String, String)> = parts
            .headers
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
            .collect();
        headers.sort();
        let captured = Captured { method: parts.method.to_string(), path: parts.uri.path().to_owned(), headers, body };
        *server.captured.lock().unwrap() = Some(captured);
    }
    let mut response = Response::new(Full::new(server.envelope.clone()));
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    // Seam's API names every answer; the client reads it, so the benchmark sends one.
    response.headers_mut().insert("seam-request-id", HeaderValue::from_static("bench-request-0001"));
    Ok(response)
}

/// Starts the server on its own thread and runtime; returns its address, its state and the CPU clock
/// of its thread.
fn start_server(envelope: Bytes) -> (SocketAddr, Arc<Server>, libc::clockid_t) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    listener.set_nonblocking(true).unwrap();
    let address = listener.local_addr().unwrap();
    let server = Arc::new(Server { envelope, capture: AtomicBool::new(false), captured: Mutex::new(None) });
    let state = server.clone();
    let thread = std::thread::Builder::new()
        .name("bench-server".to_owned())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                loop {
                    let Ok((stream, _)) = listener.accept().await else { continue };
                    let _ = stream.set_nodelay(true);
                    let state = state.clone();
                    tokio::spawn(async move {
                        let service = hyper::service::service_fn(move |request| answer(state.clone(), request));
                        let _ = hyper::server::conn::http1::Builder::new()
                            .serve_connection(TokioIo::new(stream), service)
                            .await;
                    });
                }
            })
        })
        .unwrap();
    let clock = {
        use std::os::unix::thread::JoinHandleExt as _;
        let mut clock: libc::clockid_t = 0;
        // SAFETY: the thread is alive (it never ends) and `clock` is a valid place to write.
        let status = unsafe { libc::pthread_getcpuclockid(thread.as_pthread_t(), &mut clock) };
        assert_eq!(status, 0, "pthread_getcpuclockid");
        clock
    };
    (address, server, clock)
}

/// CPU time of the client (the process less the server thread) and of the server, in ns.
#[derive(Clone, Copy)]
struct Clocks {
    server: libc::clockid_t,
}

impl Clocks {
    fn now(self) -> (f64, f64) {
        let server = cpu_ns(self.server);
        (cpu_ns(libc::CLOCK_PROCESS_CPUTIME_ID) - server, server)
    }
}

// ---- the two sides ----

/// What a user of reqwest alone writes for the same call: the same client configuration as the one
/// `seam` builds (reqwest's defaults and a user agent), the same headers, a JSON body serialized from
/// the same struct, and the answer decoded into the same type. No timeout, no retries, no `ok` check:
/// that is raw reqwest; the seam side keeps its defaults (30 s timeout, 60 s deadline, retries).
struct Raw {
    http: reqwest::Client,
    url: String,
    sdk_name: String,
    sdk_version: String,
    /// RAW_TIMEOUT=1 only.
    timeout: Option<Duration>,
}

impl Raw {
    async fn call(&self) -> AcsCredential {
        let mut request = self
            .http
            .post(&self.url)
            .bearer_auth(API_KEY)
            .header("seam-sdk-name", self.sdk_name.as_str())
            .header("seam-sdk-version", self.sdk_version.as_str())
            .json(&GetRequest::new(CREDENTIAL_ID));
        if let Some(timeout) = self.timeout {
            request = request.timeout(timeout);
        }
        let response = request.send().await.expect("raw call").error_for_status().expect("raw call status");
        response.json::<GetResponse>().await.expect("raw call body").acs_credential
    }
}

enum Side {
    Raw(Raw),
    Seam(seam::Seam),
}

impl Side {
    async fn call(&self) -> AcsCredential {
        match self {
            Side::Raw(raw) => raw.call().await,
            Side::Seam(seam) => seam.acs().credentials().get(GetRequest::new(CREDENTIAL_ID)).await.expect("seam call"),
        }
    }
}

// ---- measuring ----

#[derive(Clone, Copy, Default)]
struct Latency {
    median_us: f64,
    p99_us: f64,
    cpu_us: f64,
    server_cpu_us: f64,
    /// Per call, on this thread (the client's whole work with the current-thread runtime).
    allocations: f64,
    allocated_bytes: f64,
}

#[derive(Clone, Copy, Default)]
struct Throughput {
    per_s: f64,
    cpu_us: f64,
    server_cpu_us: f64,
}

async fn sequential(side: &Side, calls: usize) {
    for _ in 0..calls {
        black_box(side.call().await);
    }
}

/// CPU time (client, server) and allocations (count, bytes) of one side, summed over its slices.
#[derive(Clone, Copy, Default)]
struct Usage {
    client_ns: f64,
    server_ns: f64,
    allocations: u64,
    allocated_bytes: u64,
}

impl Usage {
    /// Runs `work`, adding its CPU time and allocations to `self`.
    async fn add<T>(&mut self, clocks: Clocks, work: impl std::future::Future<Output = T>) -> T {
        let (cpu, allocations) = (clocks.now(), allocated());
        let value = work.await;
        let (cpu_end, allocations_end) = (clocks.now(), allocated());
        self.client_ns += cpu_end.0 - cpu.0;
        self.server_ns += cpu_end.1 - cpu.1;
        self.allocations += allocations_end.0 - allocations.0;
        self.allocated_bytes += allocations_end.1 - allocations.1;
        value
    }

    fn per_call_us(&self, calls: usize) -> (f64, f64) {
        (self.client_ns / calls as f64 / 1e3, self.server_ns / calls as f64 / 1e3)
    }
}

/// Slices of `slice` calls, one side then the other (`order`), until each side made `calls`.
fn slices(calls: usize, slice: usize, order: [usize; 2]) -> impl Iterator<Item = (usize, usize)> {
    let count = calls.div_ceil(slice);
    (0..count).flat_map(move |k| order.map(|i| (i, slice.min(calls - k * slice))))
}

/// Sequential calls, the two sides alternating slice by slice: each call timed.
async fn latency(sides: [&Arc<Side>; 2], order: [usize; 2], config: &Config, clocks: Clocks) -> [Latency; 2] {
    let mut times = [Vec::with_capacity(config.calls), Vec::with_capacity(config.calls)];
    let mut usage = [Usage::default(); 2];
    for (i, n) in slices(config.calls, config.slice, order) {
        let (side, times) = (sides[i], &mut times[i]);
        usage[i]
            .add(clocks, async {
                for _ in 0..n {
                    let start = Instant::now();
                    black_box(side.call().await);
                    times.push(start.elapsed().as_secs_f64() * 1e6);
                }
            })
            .await;
    }
    [0, 1].map(|i| {
        times[i].sort_by(f64::total_cmp);
        let (cpu_us, server_cpu_us) = usage[i].per_call_us(config.calls);
        Latency {
            median_us: percentile(&times[i], 0.5),
            p99_us: percentile(&times[i], 0.99),
            cpu_us,
            server_cpu_us,
            allocations: usage[i].allocations as f64 / config.calls as f64,
            allocated_bytes: usage[i].allocated_bytes as f64 / config.calls as f64,
        }
    })
}

/// `calls` calls shared by `concurrency` tasks on the client runtime; wall time.
async fn concurrent(side: &Arc<Side>, calls: usize, concurrency: usize) -> f64 {
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let (side, next) = (side.clone(), next.clone());
            tokio::spawn(async move {
                while next.fetch_add(1, Ordering::Relaxed) < calls {
                    black_box(side.call().await);
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("task");
    }
    start.elapsed().as_secs_f64()
}

/// Concurrent calls, the two sides alternating slice by slice: calls ÷ summed wall time.
async fn throughput(sides: [&Arc<Side>; 2], order: [usize; 2], config: &Config, clocks: Clocks) -> [Throughput; 2] {
    let mut seconds = [0.0; 2];
    let mut usage = [Usage::default(); 2];
    for (i, n) in slices(config.throughput_calls, config.throughput_slice, order) {
        seconds[i] += usage[i].add(clocks, concurrent(sides[i], n, config.concurrency)).await;
    }
    [0, 1].map(|i| {
        let (cpu_us, server_cpu_us) = usage[i].per_call_us(config.throughput_calls);
        Throughput { per_s: config.throughput_calls as f64 / seconds[i], cpu_us, server_cpu_us }
    })
}

#[derive(Clone, Copy, Default)]
struct Round {
    latency: Latency,
    throughput: Throughput,
}

impl Round {
    /// `counted`: allocations were counted (the client runs on this thread).
    fn json(&self, counted: bool) -> Value {
        let counted = |x: f64| if counted { json!(x) } else { Value::Null };
        json!({
            "allocations": counted(self.latency.allocations),
            "allocated_bytes": counted(self.latency.allocated_bytes),
            "latency_median_us": self.latency.median_us,
            "latency_p99_us": self.latency.p99_us,
            "throughput_per_s": self.throughput.per_s,
            "cpu_us_sequential": self.latency.cpu_us,
            "cpu_us_concurrent": self.throughput.cpu_us,
            "server_cpu_us": (self.latency.server_cpu_us + self.throughput.server_cpu_us) / 2.0,
        })
    }
}

/// The request as the server saw it.
async fn capture(server: &Server, side: &Side) -> Captured {
    server.capture.store(true, Ordering::SeqCst);
    side.call().await;
    server.capture.store(false, Ordering::SeqCst);
    server.captured.lock().unwrap().take().expect("the server saw the request")
}

fn header<'c>(captured: &'c Captured, name: &str) -> &'c str {
    captured.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).unwrap_or_else(|| panic!("no {name}"))
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| text.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".to_owned())
}

/// Only one side's sequential calls, for a profiler.
async fn profile(config: &Config, which: &str) {
    let (raw, seam, _, _) = setup(config).await;
    let side = match which {
        "raw" => raw,
        "seam" => seam,
        other => panic!("PROFILE_SIDE={other}: raw or seam"),
    };
    let calls = env_usize("PROFILE_CALLS", 200_000);
    let start = Instant::now();
    sequential(&side, calls).await;
    eprintln!("client_overhead: {calls} {which} calls in {:.2} s", start.elapsed().as_secs_f64());
}

/// The server, and both sides after checking that they send the same request and read the same answer:
/// (raw, other side, server CPU clock, answer's length).
async fn setup(config: &Config) -> (Arc<Side>, Arc<Side>, Clocks, usize) {
    let credential: Value = serde_json::from_str(FIXTURE).expect("fixture");
    let envelope = Bytes::from(serde_json::to_vec(&json!({"acs_credential": credential, "ok": true})).unwrap());
    let expected: AcsCredential = serde_json::from_value(credential).expect("the fixture decodes");
    let envelope_len = envelope.len();
    let (address, server, server_clock) = start_server(envelope);
    let clocks = Clocks { server: server_clock };
    let endpoint = format!("http://{address}");

    let seam = seam::Seam::builder().api_key(API_KEY).endpoint(&endpoint).build().expect("seam client");
    let seam = Side::Seam(seam);
    let seam_request = capture(&server, &seam).await;
    // The raw client: reqwest's defaults plus the user agent the seam client sets, as seam builds its own.
    let raw = |user_agent: &str| {
        Side::Raw(Raw {
            http: reqwest::Client::builder().user_agent(user_agent).build().unwrap(),
            url: format!("{endpoint}{PATH}"),
            sdk_name: header(&seam_request, "seam-sdk-name").to_owned(),
            sdk_version: header(&seam_request, "seam-sdk-version").to_owned(),
            timeout: config.raw_timeout.then_some(seam::DEFAULT_TIMEOUT),
        })
    };
    let raw_side = raw(header(&seam_request, "user-agent"));
    let raw_request = capture(&server, &raw_side).await;
    assert_eq!(raw_request, seam_request, "both sides must send the same request");
    assert!(
        raw_side.call().await == expected && seam.call().await == expected,
        "both sides decode the same credential"
    );
    let other = if config.control { raw(header(&seam_request, "user-agent")) } else { seam };
    eprintln!(
        "client_overhead: server on {address}, answer {envelope_len} bytes; both sides send the same {} headers and {}-byte body",
        seam_request.headers.len(),
        seam_request.body.len()
    );
    (Arc::new(raw_side), Arc::new(other), clocks, envelope_len)
}

async fn run(config: &Config) -> Value {
    let started = Instant::now();
    let load_before = load_average();
    let (raw_side, other, clocks, envelope_len) = setup(config).await;

    // Warm-up: connections for every concurrent task in both pools, caches, allocator.
    for side in [&raw_side, &other] {
        sequential(side, config.warmup).await;
        concurrent(side, config.warmup.max(4 * config.concurrency), config.concurrency).await;
    }

    let mut rounds = Vec::with_capacity(config.rounds);
    for round in 0..config.rounds {
        // Even rounds start with raw, odd ones with the other side.
        let order: [usize; 2] = if round % 2 == 0 { [0, 1] } else { [1, 0] };
        let sides = [&raw_side, &other];
        let latency = latency(sides, order, config, clocks).await;
        let throughput = throughput(sides, order, config, clocks).await;
        let result = [0, 1].map(|i| Round { latency: latency[i], throughput: throughput[i] });
        eprintln!(
            "round {:>2}: median {:.1} / {:.1} µs, p99 {:.1} / {:.1} µs, {:.0} / {:.0} calls/s (raw / {})",
            round + 1,
            result[0].latency.median_us,
            result[1].latency.median_us,
            result[0].latency.p99_us,
            result[1].latency.p99_us,
            result[0].throughput.per_s,
            result[1].throughput.per_s,
            if config.control { "control" } else { "seam" },
        );
        rounds.push(result);
    }

    let counted = config.client_threads == 0;
    let per_side = |i: usize| -> Value {
        let list: Vec<Value> = rounds.iter().map(|r| r[i].json(counted)).collect();
        let mut out = serde_json::Map::new();
        for key in list[0].as_object().unwrap().keys() {
            let values: Vec<f64> = list.iter().filter_map(|r| r[key].as_f64()).collect();
            out.insert(key.clone(), if values.is_empty() { Value::Null } else { median(&values).into() });
        }
        Value::Object(out)
    };
    // Per round, seam's cost ÷ raw's: times as they are, throughput inverted (time per call).
    let ratio = |f: fn(&Round) -> f64, inverse: bool| -> Value {
        let values: Vec<f64> =
            rounds.iter().map(|r| if inverse { f(&r[0]) / f(&r[1]) } else { f(&r[1]) / f(&r[0]) }).collect();
        json!({
            "median": median(&values),
            "min": values.iter().copied().fold(f64::INFINITY, f64::min),
            "max": values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            "above_target": values.iter().filter(|&&v| v > TARGET).count(),
            "rounds": values,
        })
    };
    json!({
        "target": TARGET,
        "config": {
            "rounds": config.rounds,
            "calls": config.calls,
            "throughput_calls": config.throughput_calls,
            "concurrency": config.concurrency,
            "slice": config.slice,
            "throughput_slice": config.throughput_slice,
            "warmup": config.warmup,
            "client_runtime": config.runtime(),
            "server": format!("hyper 1 HTTP/1.1 on 127.0.0.1, own thread and current-thread runtime, fixed {envelope_len}-byte envelope"),
            "control": config.control,
            "raw_timeout": config.raw_timeout,
        },
        "machine": {
            "load_before": load_before,
            "load_after": load_average(),
            "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
        },
        "wall_s": started.elapsed().as_secs_f64(),
        "raw": per_side(0),
        "seam": per_side(1),
        "ratios": {
            "latency_median": ratio(|r| r.latency.median_us, false),
            "latency_p99": ratio(|r| r.latency.p99_us, false),
            "throughput": ratio(|r| r.throughput.per_s, true),
            "cpu_sequential": ratio(|r| r.latency.cpu_us, false),
            "cpu_concurrent": ratio(|r| r.throughput.cpu_us, false),
        },
        "rounds": rounds.iter().map(|r| json!({"raw": r[0].json(counted), "seam": r[1].json(counted)})).collect::<Vec<_>>(),
    })
}

fn main() {
    let config = Config::from_env();
    let runtime = match config.client_threads {
        0 => tokio::runtime::Builder::new_current_thread().enable_all().build(),
        n => tokio::runtime::Builder::new_multi_thread().worker_threads(n).enable_all().build(),
    }
    .expect("client runtime");
    if let Ok(which) = std::env::var("PROFILE_SIDE") {
        runtime.block_on(profile(&config, &which));
        return;
    }
    let results = runtime.block_on(run(&config));
    std::fs::create_dir_all(&config.results).expect("results directory");
    let path = config.results.join("client_overhead.json");
    std::fs::write(&path, serde_json::to_string_pretty(&results).unwrap()).expect("write the results");
    println!("{}", table::markdown(&results));
    eprintln!("client_overhead: wrote {}", path.display());
}
