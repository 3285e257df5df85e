# mapctl serve in a container (docs/serve.md): built in the Rust image,
# shipped on a slim Debian with only CA certificates (for Azure and the
# integrations' APIs). Stateless: point it at Azure Table Storage.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --locked --release --bin mapctl

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/mapctl --create-home mapctl
COPY --from=build /src/target/release/mapctl /usr/local/bin/mapctl
USER mapctl
ENV MAPCTL_STORE=azure MAPCTL_NO_INPUT=1
EXPOSE 8080
# TLS ends at the platform's ingress (Container Apps, App Service).
ENTRYPOINT ["mapctl", "serve", "--listen", "0.0.0.0:8080", "--behind-proxy"]
