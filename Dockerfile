# Production image: one image for web (gunicorn), worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# WeasyPrint needs Pango; Thai needs a Thai-capable font; gettext compiles translations;
# backups use PostgreSQL's own pg_dump, pg_restore and psql (bookworm's 15, as the server).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    fonts-thai-tlwg fonts-dejavu-core gettext postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml ./
RUN pip install --upgrade "pip>=25.1" && pip install --group main
COPY . .
RUN DEBUG=1 SECRET_KEY=build-only python manage.py compilemessages --ignore=.venv -v 0 \
 && DEBUG=0 SECRET_KEY=build-only python manage.py collectstatic --noinput -v 0 \
 && useradd --system --uid 1000 platform && mkdir -p /app/var/media /app/var/backups && chown -R platform /app/var
USER platform
EXPOSE 8000
# Bind, workers, timeout and which proxy addresses are believed: gunicorn.conf.py.
CMD ["gunicorn", "-c", "gunicorn.conf.py", "platform_site.wsgi:application"]
