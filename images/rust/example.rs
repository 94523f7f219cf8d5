use std::io::{self, BufRead, Write};
use std::{thread, time::Duration};

fn main() {
    let mut name = String::new();
    io::stdin().lock().read_line(&mut name).ok();
    let name = match name.trim() {
        "" => "world",
        given => given,
    };
    for step in 1..=3 {
        println!("Hello, {name}! ({step}/3)");
        io::stdout().flush().ok();
        thread::sleep(Duration::from_millis(500));
    }
}
