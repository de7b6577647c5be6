//! Problem details (RFC 9457): every error the gateway answers is `application/problem+json`,
//! its own and axum's rejections (a body too large, a malformed JSON body) alike.

use axum::{
	http::{header, HeaderValue, StatusCode},
	response::{IntoResponse, Response},
	Json,
};
use serde_json::json;
use std::time::Duration;

/// A problem: status, a short title, a detail the caller can act on, and, when trying again
/// later may succeed, how many seconds to wait (`Retry-After`).
#[derive(Debug)]
pub struct Problem {
	status: StatusCode,
	title: &'static str,
	detail: String,
	retry_after: Option<u64>,
}

impl Problem {
	pub fn new(status: StatusCode, title: &'static str, detail: impl Into<String>) -> Self {
		Self { status, title, detail: detail.into(), retry_after: None }
	}

	/// The one answer to a record someone may not see, or that does not exist.
	pub fn not_found() -> Self {
		Self::new(StatusCode::NOT_FOUND, "Not found", "no record you may see has this identifier")
	}

	pub fn unauthorized(detail: &str) -> Self {
		Self::new(StatusCode::UNAUTHORIZED, "Not authenticated", detail)
	}

	/// A rate limit or a cap is reached: 429, try again in a second.
	pub fn too_many(detail: &str) -> Self {
		Self::new(StatusCode::TOO_MANY_REQUESTS, "Slow down", detail).retry_after(1)
	}

	/// The chain's finalized state cannot be trusted to be recent enough to release on:
	/// finality stalled (`age` past `bound`), or the finalized and best heads disagree.
	pub fn chain_not_final(detail: impl Into<String>, retry_after: Duration) -> Self {
		Self::new(StatusCode::SERVICE_UNAVAILABLE, "Chain not final", detail)
			.retry_after(retry_after.as_secs().max(1))
	}

	/// Something of the gateway's own failed: logged here, and the caller told only to retry.
	pub fn internal(error: impl std::fmt::Display) -> Self {
		eprintln!("gateway: {error}");
		Self::new(
			StatusCode::SERVICE_UNAVAILABLE,
			"Unavailable",
			"the gateway cannot serve this now; try again",
		)
		.retry_after(5)
	}

	/// Ask the caller to wait `seconds` before trying again.
	pub fn retry_after(mut self, seconds: u64) -> Self {
		self.retry_after = Some(seconds);
		self
	}

	pub fn status(&self) -> StatusCode {
		self.status
	}

	pub fn title(&self) -> &'static str {
		self.title
	}

	pub fn detail(&self) -> &str {
		&self.detail
	}
}

impl std::fmt::Display for Problem {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		write!(f, "{} ({}): {}", self.title, self.status.as_u16(), self.detail)
	}
}

impl IntoResponse for Problem {
	fn into_response(self) -> Response {
		let body = json!({
			"type": "about:blank",
			"title": self.title,
			"status": self.status.as_u16(),
			"detail": self.detail,
		});
		let mut response = (self.status, Json(body)).into_response();
		let headers = response.headers_mut();
		headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
		if let Some(seconds) = self.retry_after {
			headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
		}
		response
	}
}

/// Axum's own rejections (a body too large, a malformed JSON body) as problem details.
pub async fn as_problem(response: Response) -> Response {
	let is_problem = response
		.headers()
		.get(header::CONTENT_TYPE)
		.is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
	if is_problem || response.status().is_success() {
		return response;
	}
	let status = response.status();
	let title = match status {
		StatusCode::PAYLOAD_TOO_LARGE => "Too large",
		StatusCode::METHOD_NOT_ALLOWED => "Method not allowed",
		StatusCode::UNSUPPORTED_MEDIA_TYPE => "Unsupported media type",
		_ => "Bad request",
	};
	let bytes = axum::body::to_bytes(response.into_body(), 64 * 1024).await.unwrap_or_default();
	Problem::new(status, title, String::from_utf8_lossy(&bytes).into_owned()).into_response()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_chain_not_final_problem_is_a_503_with_retry_after() {
		let response =
			Problem::chain_not_final("finality stalled", Duration::from_secs(12)).into_response();
		assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
		assert_eq!(response.headers()[header::CONTENT_TYPE], "application/problem+json");
		assert_eq!(response.headers()[header::RETRY_AFTER], "12");
	}

	#[test]
	fn a_refusal_that_will_not_change_has_no_retry_after() {
		let response = Problem::not_found().into_response();
		assert_eq!(response.status(), StatusCode::NOT_FOUND);
		assert!(response.headers().get(header::RETRY_AFTER).is_none());
	}
}
