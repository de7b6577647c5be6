//! The secrets the gateway starts with (its identity's secret URI, the staff token, a database
//! URL with a password): read from a file or the environment, never from the command line,
//! where `ps` shows them to every user of the machine.

use std::path::Path;
use zeroize::Zeroizing;

/// The secret in the file at `path`, without its trailing line break.
pub fn read(path: &Path) -> Result<Zeroizing<String>, String> {
	let text = Zeroizing::new(
		std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?,
	);
	#[cfg(unix)]
	{
		use std::os::unix::fs::PermissionsExt;
		if std::fs::metadata(path).is_ok_and(|meta| meta.permissions().mode() & 0o004 != 0) {
			eprintln!(
				"warning: every user of this machine may read {}: chmod o-r it",
				path.display()
			);
		}
	}
	let secret = text.trim_end_matches(|c| c == '\n' || c == '\r');
	if secret.trim().is_empty() {
		return Err(format!("{} is empty", path.display()));
	}
	Ok(Zeroizing::new(secret.to_string()))
}

/// Whether `url` carries a password: `scheme://user:password@host/…`, or a `password=`
/// parameter.
pub fn url_has_password(url: &str) -> bool {
	let Some((_, rest)) = url.split_once("://") else { return false };
	let authority = rest.split(|c| matches!(c, '/' | '?' | '#')).next().unwrap_or_default();
	let in_userinfo =
		authority.rsplit_once('@').is_some_and(|(userinfo, _)| userinfo.contains(':'));
	in_userinfo || url.contains("password=")
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_password_in_a_database_url_is_seen() {
		assert!(url_has_password("postgres://gateway:s3cret@db.clinic/records"));
		assert!(url_has_password("postgres://db.clinic/records?user=gateway&password=s3cret"));
		assert!(!url_has_password("postgres://gateway@db.clinic/records"));
		assert!(!url_has_password("postgres://db.clinic:5432/records"));
		assert!(!url_has_password("sqlite://medledger-gateway.db"));
		assert!(!url_has_password("sqlite:///var/lib/gateway/a:b@c.db"));
	}

	#[test]
	fn a_secret_file_is_read_without_its_line_break() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("identity");
		std::fs::write(&path, "//Alice\n").unwrap();
		assert_eq!(read(&path).unwrap().as_str(), "//Alice");
		std::fs::write(&path, "\n").unwrap();
		assert!(read(&path).unwrap_err().contains("empty"));
		assert!(read(&dir.path().join("missing")).is_err());
	}
}
