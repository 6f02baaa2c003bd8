-- Counter (K1): branch names in three languages and an optional time zone of their own; agents' counter skills.
ALTER TABLE counter_branches RENAME COLUMN name TO name_ar;
ALTER TABLE counter_branches ADD name_en character varying(200);
ALTER TABLE counter_branches ADD name_fr character varying(200);
ALTER TABLE counter_branches ADD time_zone_id character varying(64);

CREATE TABLE counter_agent_skills (
    user_id text NOT NULL,
    service_id integer NOT NULL,
    CONSTRAINT "PK_counter_agent_skills" PRIMARY KEY (user_id, service_id),
    CONSTRAINT "FK_counter_agent_skills_people_users_user_id" FOREIGN KEY (user_id) REFERENCES people_users (id) ON DELETE CASCADE,
    CONSTRAINT "FK_counter_agent_skills_services_services_service_id" FOREIGN KEY (service_id) REFERENCES services_services (id) ON DELETE CASCADE
);

CREATE INDEX "IX_counter_agent_skills_service_id" ON counter_agent_skills (service_id);
