use crate::context::Context;
use mapctl_core::error::{Error, Result};
use mapctl_core::mapping::history::HistoryFilter;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this MSP org (id or name)
    #[arg(long, value_name = "ORG")]
    pub org: Option<String>,
    /// Only this integration (name or alias)
    #[arg(long, value_name = "NAME")]
    pub integration: Option<String>,
    /// Only changes at or after TIME: 2026-11-01, 2026-11-01T08:00:00Z, or an age like 7d, 12h, 30m
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// At most N changes, the newest [default: 50]
    #[arg(long, value_name = "N", conflicts_with = "all")]
    pub limit: Option<usize>,
    /// Every change, however many
    #[arg(long)]
    pub all: bool,
}

/// How many changes `history` shows unless told: a screenful or two, as
/// `git log` pages and `gh` lists 30.
const DEFAULT_LIMIT: usize = 50;

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    // One more than shown: whether there are more to say so.
    let limit = (!args.all).then(|| args.limit.unwrap_or(DEFAULT_LIMIT) + 1);
    let mut entries = entries(
        ctx,
        args.org.as_deref(),
        args.integration.as_deref(),
        args.since.as_deref(),
        limit,
    )
    .await?;
    let shown = args.limit.unwrap_or(DEFAULT_LIMIT);
    let more = !args.all && entries.len() > shown;
    entries.truncate(if args.all { entries.len() } else { shown });
    if entries.is_empty() {
        ctx.ui.status("No changes recorded.");
    }
    ctx.ui.print_list(&entries)?;
    if more && args.limit.is_none() {
        ctx.ui.status(&format!(
            "The newest {shown} changes; --limit N or --all shows more."
        ));
    }
    Ok(())
}

/// The newest changes first, filtered as `history` and the API's `GET
/// /api/v1/history` are.
pub async fn entries(
    session: &mapctl_core::session::Session,
    org: Option<&str>,
    integration: Option<&str>,
    since: Option<&str>,
    limit: Option<usize>,
) -> Result<Vec<mapctl_core::store::history::Entry>> {
    let integration = integration
        .map(|i| session.integration_name(i).map(String::from))
        .transpose()?;
    let since = since.map(parse_since).transpose()?;
    let repo = session.repo().await?;
    let org_id = match org {
        // A removed org's history is still read (by its id).
        Some(o) => Some(repo.resolve_org_or_removed(o).await?.org_id.into_string()),
        None => None,
    };
    repo.history(&HistoryFilter {
        org_id,
        integration,
        since,
        limit,
    })
    .await
}

/// `--since` as the history's time format (`YYYY-MM-DDTHH:MM:SSZ`).
fn parse_since(text: &str) -> Result<String> {
    use time::format_description::well_known::Rfc3339;
    let text = text.trim();
    let bad = || {
        Error::usage(format!("--since {text:?} is not a time"))
            .with_hint("write 2026-11-01, 2026-11-01T08:00:00Z, or an age such as 7d, 12h or 30m")
    };
    if let Some((n, unit)) = text
        .char_indices()
        .last()
        .map(|(i, u)| (&text[..i], u))
        .filter(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    {
        let n: i64 = n.parse().map_err(|_| bad())?;
        let age = match unit {
            'd' => time::Duration::days(n),
            'h' => time::Duration::hours(n),
            'm' => time::Duration::minutes(n),
            's' => time::Duration::seconds(n),
            _ => return Err(bad()),
        };
        return Ok(mapctl_core::model::format_timestamp(
            time::OffsetDateTime::now_utc() - age,
        ));
    }
    if let Ok(t) = time::OffsetDateTime::parse(text, &Rfc3339) {
        return Ok(mapctl_core::model::format_timestamp(t));
    }
    let date_format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(text, &date_format).map_err(|_| bad())?;
    Ok(mapctl_core::model::format_timestamp(
        date.midnight().assume_utc(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_reads_dates_times_and_ages() {
        assert_eq!(parse_since("2026-11-01").unwrap(), "2026-11-01T00:00:00Z");
        assert_eq!(
            parse_since("2026-11-01T08:30:00+01:00").unwrap(),
            "2026-11-01T07:30:00Z"
        );
        let week = parse_since("7d").unwrap();
        let now = mapctl_core::model::now_timestamp();
        assert!(week < now && week.len() == now.len(), "{week} {now}");
        for bad in ["yesterday", "7w", "d", "2026-13-01"] {
            assert_eq!(
                parse_since(bad).unwrap_err().kind,
                mapctl_core::error::ErrorKind::Usage,
                "{bad}"
            );
        }
    }
}
