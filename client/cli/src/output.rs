//! How results are shown: aligned tables for people, JSON (`--json`) for scripts, and progress
//! on stderr while a transaction waits for inclusion and finality.

use medledger_client::chain::Stage;
use serde::Serialize;
use std::io::Write;

/// Where results go, and in which form.
#[derive(Clone, Copy)]
pub struct Output {
	pub json: bool,
}

impl Output {
	/// Rows under headers as a table, or the values as a JSON array.
	pub fn table<T: Serialize>(&self, headers: &[&str], rows: Vec<Vec<String>>, values: &[T]) {
		if self.json {
			self.json_value(&values);
			return;
		}
		if rows.is_empty() {
			println!("(none)");
			return;
		}
		print!("{}", render_table(headers, &rows));
	}

	/// A single result: `key: value` lines, or a JSON object.
	pub fn record<T: Serialize>(&self, fields: &[(&str, String)], value: &T) {
		if self.json {
			self.json_value(value);
			return;
		}
		let width = fields.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
		for (key, value) in fields {
			println!("{key:<width$}  {value}");
		}
	}

	/// One line for people; the value for scripts.
	pub fn line<T: Serialize>(&self, text: &str, value: &T) {
		if self.json {
			self.json_value(value);
		} else {
			println!("{text}");
		}
	}

	fn json_value<T: Serialize + ?Sized>(&self, value: &T) {
		match serde_json::to_string_pretty(value) {
			Ok(text) => println!("{text}"),
			Err(e) => eprintln!("error: cannot write JSON: {e}"),
		}
	}

	/// A progress reporter for a transaction, on stderr (never mixed into `--json` output).
	pub fn progress(&self, what: &str) -> impl FnMut(Stage) + '_ {
		let what = what.to_string();
		move |stage| {
			let text = match stage {
				Stage::Submitted => "submitted, waiting for a block",
				Stage::InBlock => "in a block, waiting for finality",
				Stage::Finalized => "finalized",
			};
			let mut err = std::io::stderr();
			let _ = writeln!(err, "{what}: {text}");
		}
	}
}

/// Columns padded to their widest cell, two spaces apart.
pub fn render_table(headers: &[&str], rows: &[Vec<String>]) -> String {
	let mut widths: Vec<usize> = headers.iter().map(|h| h.len()).collect();
	for row in rows {
		for (i, cell) in row.iter().enumerate() {
			if let Some(w) = widths.get_mut(i) {
				*w = (*w).max(cell.chars().count());
			}
		}
	}
	let mut out = String::new();
	let line = |cells: Vec<&str>, out: &mut String| {
		let padded: Vec<String> =
			cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
		out.push_str(padded.join("  ").trim_end());
		out.push('\n');
	};
	line(headers.to_vec(), &mut out);
	line(
		widths
			.iter()
			.map(|w| "-".repeat(*w))
			.collect::<Vec<_>>()
			.iter()
			.map(|s| s.as_str())
			.collect(),
		&mut out,
	);
	for row in rows {
		line(row.iter().map(|s| s.as_str()).collect(), &mut out);
	}
	out
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn tables_align_their_columns() {
		let rows = vec![
			vec!["7".to_string(), "lab-results".to_string()],
			vec!["12".to_string(), "imaging".to_string()],
		];
		assert_eq!(
			render_table(&["grant", "categories"], &rows),
			"grant  categories\n-----  -----------\n7      lab-results\n12     imaging\n"
		);
	}
}
