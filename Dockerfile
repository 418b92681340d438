# The novex image: worker, projector and CLI. Services come from docker-compose.yml.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY domain domain
COPY workflows workflows
COPY activities activities
COPY store store
COPY notify notify
COPY service service
COPY cli cli
COPY web web
COPY runtime runtime
COPY config config
COPY bench bench
COPY worker.py ./
RUN pip install --no-cache-dir .
ENV NOVEX_LOG_FORMAT=json
CMD ["novex", "worker"]
