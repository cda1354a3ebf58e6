//! How soon the client notices that an operation finished, and with how many requests:
//! honouring the service's `Retry-After` against azureml-core's fixed 5-second polling, on the
//! local emulator, side by side in one run. `cargo run --release -p akscompute-client --example polling`
#![allow(clippy::unwrap_used, clippy::expect_used)]
use akscompute::request::{Cloud, Options};
use akscompute::{Context, CreateConfig, Secret};
use akscompute_client::{Client, PollPolicy, StaticToken};
use akscompute_emulator::{Config, Emulator};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn main() {
    let durations = [1300u64, 2600, 3700, 6200];
    println!("operation lasts | Retry-After honoured: notice delay, status polls | fixed 5 s: notice delay, status polls");
    let mut totals = [(0.0, 0u64), (0.0, 0u64)];
    for ms in durations {
        let mut row = Vec::new();
        for (i, fixed) in [false, true].into_iter().enumerate() {
            let e = Emulator::start(Config { operation_time: Duration::from_millis(ms), retry_after_remaining: true, ..Config::default() });
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            let (delay, polls) = rt.block_on(async {
                let mut c = Client::new(
                    Options { cloud: Cloud::Custom(e.endpoint()), ..Options::default() },
                    Arc::new(StaticToken(Secret::new(e.config().token.clone()))),
                )
                .unwrap();
                c.poll = PollPolicy { fixed, ..PollPolicy::default() };
                let ctx = Context::from_value(
                    &serde_json::json!({"workspace": {"subscription_id": "s", "resource_group": "rg", "name": "ws", "location": "eastus"}}),
                )
                .unwrap();
                let cfg = CreateConfig::from_value(&serde_json::json!({"name": "myaks"})).unwrap();
                let op = c.create(&cfg, &ctx).await.unwrap();
                c.wait(&ctx, &op, &mut |_| {}).await.unwrap();
                let noticed = Instant::now().duration_since(e.started()).as_secs_f64();
                let done = e.completions().last().map(|(_, t)| *t).unwrap_or(noticed);
                (noticed - done, e.counters().get("GET operation").copied().unwrap_or(0))
            });
            totals[i].0 += delay;
            totals[i].1 += polls;
            row.push(format!("{:>6.2} s, {} polls", delay, polls));
        }
        println!("{:>13.1} s | {:>40} | {:>30}", ms as f64 / 1000.0, row[0], row[1]);
    }
    let n = durations.len() as f64;
    println!(
        "mean: Retry-After {:.2} s late with {:.1} polls; fixed 5 s {:.2} s late with {:.1} polls",
        totals[0].0 / n,
        totals[0].1 as f64 / n,
        totals[1].0 / n,
        totals[1].1 as f64 / n
    );
}
