from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from acculture.people.models import AuditEvent, Person, StaffImport

GOOD = b"employee_number,first_name,last_name,email\nN1,Nina,New,nina@agence.example\n"


def upload(client, content=GOOD, name="staff.csv", **extra):
    return client.post(reverse("people:import"), {"file": SimpleUploadedFile(name, content), **extra})


def test_import_walks_the_permission_ladder(client, login, cast):
    assert upload(client).status_code == 302 and StaffImport.objects.count() == 0  # anonymous → login
    login(cast.employee)
    assert upload(client).status_code == 403
    login(cast.outsider)  # CDO of another organisation: imports into their own only
    upload(client)
    assert StaffImport.objects.get().organisation == cast.other_org
    login(cast.hr)
    other_import = StaffImport.objects.get()
    assert client.get(reverse("people:import-detail", args=[other_import.pk])).status_code == 404
    assert upload(client).status_code == 302


def test_a_checked_file_is_imported_once_on_confirmation(client, login, cast):
    login(cast.hr)
    response = upload(client)
    staff_import = StaffImport.objects.get()
    assert response["Location"] == reverse("people:import-detail", args=[staff_import.pk])
    assert staff_import.status == "checked" and staff_import.report["created"] == 1
    assert not Person.objects.filter(employee_number="N1").exists()
    for _ in range(2):  # a double click
        client.post(reverse("people:import-apply", args=[staff_import.pk]))
    staff_import.refresh_from_db()
    assert staff_import.status == "applied"
    assert Person.objects.filter(employee_number="N1").count() == 1
    assert AuditEvent.objects.filter(action="people.import").count() == 1


def test_a_file_with_problems_lists_them_and_cannot_be_applied(client, login, cast):
    client.post(reverse("set-language"), {"language": "en", "next": "/"})
    login(cast.hr)
    upload(client, b"employee_number,first_name,last_name,email\nN1,Nina,New,not-an-email\n")
    staff_import = StaffImport.objects.get()
    page = client.get(reverse("people:import-detail", args=[staff_import.pk])).content.decode()
    assert "There is 1 problem in the file" in page
    assert "not-an-email" in page
    assert "Import these changes" not in page
    client.post(reverse("people:import-apply", args=[staff_import.pk]))
    assert not Person.objects.filter(employee_number="N1").exists()


def test_a_file_of_the_wrong_type_is_refused_at_upload(client, login, cast):
    login(cast.hr)
    response = upload(client, b"%PDF-1.4", name="staff.pdf")
    assert response.status_code == 400
    assert StaffImport.objects.count() == 0


def test_exporting_the_staff_list_is_written_to_the_audit_log(client, login, cast):
    login(cast.employee)
    assert client.get(reverse("people:export")).status_code == 403
    login(cast.hr)
    response = client.get(reverse("people:export"))
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeffemployee_number,first_name")
    assert "E001,Emma,Employee" in body
    assert "O001" not in body
    assert AuditEvent.objects.filter(action="people.export", actor=cast.hr.user).count() == 1
