#!/usr/bin/env python3
"""Builds the labeled evaluation sets of `cargo bench --bench suggest`.

Two independent public sources name the same listed companies:
  - pytickersymbols 1.17.10 (PyPI, MIT): index constituents (DAX, FTSE 100,
    S&P 500, Nikkei 225, ...) under their common names ("Adyen", "ABN AMRO",
    "Goldman Sachs"), curated from Wikipedia, with ISINs;
  - investpy 1.0.8 (PyPI, MIT): 39,952 stocks listed on Investing.com with
    their full names ("Adyen NV", "Goldman Sachs Group Inc"), with ISINs.
An MSP org is a constituent's common name; the external orgs are every
investpy stock of the same region (the many similar names are the
distractors); the right answer is a stock whose ISIN the constituent lists.
Constituents whose ISIN investpy does not list in the region stay in the set
with no right answer: any proposal for them is wrong.

investpy lists securities, an external system lists companies: share-class
and security descriptors are cut from investpy's names ("ASSA ABLOY AB ser.
B", "BASF SE NA O.N.", "Sampo Oyj A" become "ASSA ABLOY AB", "BASF SE",
"Sampo Oyj"), and the securities of one company in one region become one
external org holding all their ISINs.

For the speed figures, OUT_DIR/names.tsv pairs the short and the full name
of every stock, then of every ETF, then the names of funds (no short name),
all from investpy: MSP orgs take the short names, external orgs the full ones.

Usage: benches/data/suggest_sets.py OUT_DIR (downloads both from PyPI once).
Writes OUT_DIR/{set}.orgs.tsv (name, ISINs comma-separated, adjudicated ISIN,
website host, ticker symbol) and OUT_DIR/{set}.externals.tsv (ISINs
comma-separated, company name).

The website host is the constituent's official website as pytickersymbols
carries it from Wikipedia's infobox ("www.aegon.com" -> "aegon.com"; a value
that is not a hostname, such as "Official website", gives none). The domain
set of the bench names each org by its ticker symbol ("GS", "7203") so that
names disagree, and gives each external company holding a constituent's
ISIN that constituent's website, as a PSA record carries its client's.
"""
import csv, collections, re, hashlib, io, os, subprocess, sys, tarfile, zipfile, importlib.util

PACKAGES = {
    "investpy-1.0.8.tar.gz": "6a7632a94b484ee07cd54afd416bdc759cd905ba60c62dbb8a8d157229b267c6",
    "pytickersymbols-1.17.10-py3-none-any.whl": "126ba59039f62fbde99d02b49eb180f0eb7987120aa8daaa25fe4b1c1651eb57",
}

SETS = {
    "europe": (
        ["AEX", "BEL 20", "CAC_40", "CAC Mid 60", "DAX", "EURO STOXX 50", "FTSE 100", "IBEX 35",
         "MDAX", "OMX Helsinki 25", "OMX Stockholm 30", "SDAX", "Switzerland 20", "TecDAX"],
        ["germany", "united kingdom", "france", "netherlands", "belgium", "spain", "italy",
         "switzerland", "sweden", "finland", "austria", "denmark", "norway", "ireland",
         "portugal", "luxembourg"],
    ),
    "us": (["DOW JONES", "NASDAQ 100", "S&P 100", "S&P 500", "S&P 600"], ["united states"]),
    "japan": (["NIKKEI 225"], ["japan"]),
}


# Exchange suffixes (Yahoo) and prefixes (Google) of the constituents' tickers.
YAHOO = {"": "united states", "PA": "france", "DE": "germany", "F": "germany", "AS": "netherlands",
         "BR": "belgium", "MC": "spain", "L": "united kingdom", "SW": "switzerland",
         "ST": "sweden", "HE": "finland", "MI": "italy", "T": "japan", "VI": "austria",
         "CO": "denmark", "OL": "norway", "IR": "ireland", "LS": "portugal"}
GOOGLE = {"NYSE": "united states", "NASDAQ": "united states", "EPA": "france", "ETR": "germany",
          "FRA": "germany", "AMS": "netherlands", "EBR": "belgium", "BME": "spain",
          "LON": "united kingdom", "SWX": "switzerland", "STO": "sweden", "HEL": "finland",
          "BIT": "italy", "TYO": "japan"}


SECURITY = re.compile(
    r"\s+(?:(?:ser\.|series|class|cl\.)\s+[A-Z]|[A-Z]\.?|O\.N\.|NA|VNA|ST|Pref|Vz|ADR|DRC|GDR|BDR|"
    r"Units?|Ordinary Shares|Common Stock)$", re.IGNORECASE)


def company_name(security):
    """A security's name without its share class or security descriptors."""
    name = security.strip()
    while True:
        shorter = SECURITY.sub("", name).strip()
        if shorter == name or not shorter:
            return name
        name = shorter


# Adjudicated labels: constituents whose ISIN in pytickersymbols differs from
# the one investpy (2020) lists for the same company, because the company got
# a new ISIN since (a re-domiciliation, a reverse split, a share redemption,
# a new holding) or because pytickersymbols lists a wrong one (a bond's, or
# another company's). Found by reading the wrong `high` proposals, so they
# only ever help: the bench prints precision with and without them.
ADJUDICATED = {
    "Atos SE": "FR0000051732",  # reverse split, 2024
    "Befesa": "LU1704650164",  # pytickersymbols: ES0105200002, not Befesa's
    "Berkeley Group Holdings": "GB00B02L3W35",  # new holding company, 2024
    "Epiroc": "SE0011166941",  # new shares after a redemption, 2020
    "Hamborner": "DE0006013006",  # new ISIN, 2021
    "Marks & Spencer": "GB0031274896",  # pytickersymbols: a bond's ISIN
    "Melrose Industries": "GB00BZ1G4322",  # share consolidation, 2023
    "Nibe Industrier": "SE0008321293",  # share split, 2021
    "SAF-Holland": "LU0307018795",  # from S.A. to SE, 2020
    "STABILUS SE": "LU1066226637",  # pytickersymbols: STMicroelectronics' ISIN
    "Saab AB": "SE0000112385",  # share split, 2024
    "TUI Group": "DE000TUAG000",  # reverse split, 2023
    "Verallia": "FR0013447729",  # pytickersymbols: a German ISIN
    "Thomson Reuters": "CA8849037095",  # share consolidation, 2023
}


HOST = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def website_host(company):
    """The hostname of a constituent's website, without `www.`, or ''."""
    site = ((company.get("metadata") or {}).get("website") or "").strip().lower()
    site = re.sub(r"^[a-z]+://", "", site).split("/")[0].removeprefix("www.")
    return site if HOST.match(site) else ""


def tickers(company):
    """(country, symbol) of each ticker a constituent lists."""
    out = set()
    for s in company.get("symbols", []):
        yahoo = s.get("yahoo") or ""
        symbol, _, suffix = yahoo.partition(".")
        if symbol and suffix in YAHOO:
            out.add((YAHOO[suffix], symbol.upper()))
        exchange, _, symbol = (s.get("google") or "").partition(":")
        if symbol and exchange in GOOGLE:
            out.add((GOOGLE[exchange], symbol.upper()))
    return out


def download(cache):
    os.makedirs(cache, exist_ok=True)
    for name, digest in PACKAGES.items():
        path = os.path.join(cache, name)
        if not os.path.exists(path):
            spec = name.split("-")[0] + "==" + name.split("-")[1].removesuffix(".tar.gz")
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", cache,
                            spec], check=True, stdout=subprocess.DEVNULL)
        with open(path, "rb") as f:
            if hashlib.sha256(f.read()).hexdigest() != digest:
                sys.exit(f"{path}: unexpected sha256")


def load(cache):
    with tarfile.open(os.path.join(cache, "investpy-1.0.8.tar.gz")) as t:
        stocks = t.extractfile("investpy-1.0.8/investpy/resources/stocks.csv").read().decode()
        etfs = t.extractfile("investpy-1.0.8/investpy/resources/etfs.csv").read().decode()
        funds = t.extractfile("investpy-1.0.8/investpy/resources/funds.csv").read().decode()
    with zipfile.ZipFile(os.path.join(cache, "pytickersymbols-1.17.10-py3-none-any.whl")) as z:
        source = z.read("pytickersymbols/indices_data.py").decode()
    module = {}
    exec(compile(source, "indices_data.py", "exec"), module)
    return (list(csv.DictReader(io.StringIO(stocks))), module["INDICES"],
            list(csv.DictReader(io.StringIO(etfs))), list(csv.DictReader(io.StringIO(funds))))


def main(out):
    cache = os.path.join(out, "packages")
    download(cache)
    stocks, indices, etfs, funds = load(cache)
    with open(os.path.join(out, "names.tsv"), "w") as f:
        seen = set()
        for s in stocks + etfs:
            short, full = s["name"].strip(), s["full_name"].strip()
            if short and full and "\t" not in short + full and full not in seen:
                seen.add(full)
                f.write(f"{short}\t{full}\n")
        for s in funds:  # external orgs only: no short name
            full = s["name"].strip()
            if full and "\t" not in full and full not in seen:
                seen.add(full)
                f.write(f"\t{full}\n")
    by_ticker = collections.defaultdict(set)
    for s in stocks:
        if s["isin"]:
            by_ticker[(s["country"], s["symbol"].upper())].add(s["isin"])
    for set_name, (index_names, countries) in SETS.items():
        isins_of = {}  # company name -> ISINs
        seen = set()
        for s in stocks:
            if s["country"] in countries and s["isin"] and s["isin"] not in seen:
                seen.add(s["isin"])
                isins_of.setdefault(company_name(s["full_name"]), []).append(s["isin"])
        externals = {",".join(isins): name for name, isins in isins_of.items()}
        orgs = {}
        about = {}  # company name -> (website host, ticker symbol)
        for i in index_names:
            for c in indices[i]["companies"]:
                if c.get("isins"):
                    right = orgs.setdefault(c["name"], set())
                    right.update(c["isins"])
                    host, symbol = about.get(c["name"], ("", ""))
                    about[c["name"]] = (host or website_host(c),
                                        symbol or (c.get("symbol") or "").strip())
                    for t in tickers(c):
                        right.update(by_ticker.get(t, ()))
        with open(os.path.join(out, f"{set_name}.externals.tsv"), "w") as f:
            for isin, name in sorted(externals.items()):
                f.write(f"{isin}\t{name}\n")
        with open(os.path.join(out, f"{set_name}.orgs.tsv"), "w") as f:
            for name, isins in sorted(orgs.items()):
                host, symbol = about[name]
                f.write(f"{name}\t{','.join(sorted(isins))}\t{ADJUDICATED.get(name, '')}"
                        f"\t{host}\t{symbol}\n")
        answerable = sum(1 for isins in orgs.values() if isins & seen)
        print(f"{set_name}: {len(orgs)} orgs ({answerable} with an answer), {len(externals)} external orgs")


if __name__ == "__main__":
    main(sys.argv[1])
