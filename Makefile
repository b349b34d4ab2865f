# `make test` runs every test (see scripts/test.sh); `make site` builds content/ into output/.
.PHONY: test site
test:
	bash scripts/test.sh
site:
	cargo run --release -- build
