FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1  PIP_ONLY_BINARY=:all: \
    DJANGO_SETTINGS_MODULE=samenleving.settings.production \
    VAR_DIR=/app/var

RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    libharfbuzz-subset0 fonts-dejavu-core graphviz \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# Production settings want a broker; collecting static files connects to none.
RUN SECRET_KEY=build-only-collectstatic-key-not-used-at-runtime-0123456789 \
    CELERY_BROKER_URL=redis://unused-at-build-time:6379/0 \
    python manage.py collectstatic --noinput

RUN useradd --create-home --uid 1000 app && mkdir -p /app/var/media && chown -R app /app/var
USER app
EXPOSE 8000
CMD ["gunicorn", "samenleving.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
